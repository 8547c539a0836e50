import 'reflect-metadata';
import { ConfigError, loadConfig } from '@switchyard/config';
import { createLogger, exitGracefullyOnSignals } from '@switchyard/observability';
import { createApiApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig(process.env, 'api');
  const logger = createLogger(config, 'api');
  const app = await createApiApp(config, logger);
  exitGracefullyOnSignals(app, logger, config.shutdownTimeoutMs);
  await app.listen({ port: config.port, host: config.host });
  logger.info({ url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/graphql` }, 'GraphQL API ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
