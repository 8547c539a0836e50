/** Injection token of the shared command connection (rate limits, caches, health). */
export const REDIS = Symbol('REDIS');
