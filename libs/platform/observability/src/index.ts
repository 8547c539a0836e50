export * from './logger';
export * from './health.controller';
export * from './health.module';
export * from './shutdown';
