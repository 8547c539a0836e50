export * from './env';
export * from './factories';
export * from './test-api';
export * from './test-database';
export * from './private-redis';
export * from './processes';
export * from './test-smtp';
