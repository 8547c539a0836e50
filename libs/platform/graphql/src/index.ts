export * from './errors';
export * from './error.filter';
export * from './error-formatter';
export * from './graphql.module';
export * from './pagination';
export * from './validation.pipe';
export * from './limits/query-limits';
export * from './public.decorator';
