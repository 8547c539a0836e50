export * from './env';
export * from './factories';
export * from './test-api';
export * from './test-database';
