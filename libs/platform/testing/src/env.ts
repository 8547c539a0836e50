/**
 * Values the global setup hands to test files through the environment (jest
 * workers inherit it): where PostgreSQL and Redis are, and which migrated
 * template database to clone.
 */
export interface TestEnvironment {
  /** Connection URL of a maintenance database on the test server (to create and drop databases). */
  pgServerUrl: string;
  template: string;
  redisUrl: string;
  runId: string;
}

export function testEnvironment(): TestEnvironment {
  const { SY_TEST_PG_SERVER, SY_TEST_TEMPLATE, SY_TEST_REDIS_URL, SY_TEST_RUN } = process.env;
  if (!SY_TEST_PG_SERVER || !SY_TEST_TEMPLATE || !SY_TEST_REDIS_URL || !SY_TEST_RUN) {
    throw new Error('The test environment is not set up: run tests through `npm test` or `npx jest` (jest.config.js has the global setup).');
  }
  return { pgServerUrl: SY_TEST_PG_SERVER, template: SY_TEST_TEMPLATE, redisUrl: SY_TEST_REDIS_URL, runId: SY_TEST_RUN };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
