export * from './redis.factory';
export * from './redis.tokens';
export * from './redis.module';
export * from './rate-limiter';
