/**
 * One jest run covers unit (*.spec.ts), integration (*.int-spec.ts) and
 * end-to-end (tests/e2e/*.e2e-spec.ts) tests. Each test file gets its own
 * database cloned from a migrated template and its own Redis key prefix
 * (libs/platform/testing), so files run in parallel.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const aliases = {
  '^@switchyard/config$': '<rootDir>/libs/platform/config/src',
  '^@switchyard/database$': '<rootDir>/libs/platform/database/src',
  '^@switchyard/queue$': '<rootDir>/libs/platform/queue/src',
  '^@switchyard/redis$': '<rootDir>/libs/platform/redis/src',
  '^@switchyard/graphql$': '<rootDir>/libs/platform/graphql/src',
  '^@switchyard/observability$': '<rootDir>/libs/platform/observability/src',
  '^@switchyard/testing$': '<rootDir>/libs/platform/testing/src',
  '^@switchyard/identity$': '<rootDir>/libs/identity/src',
  '^@switchyard/profiles$': '<rootDir>/libs/profiles/src',
  '^@switchyard/notifications$': '<rootDir>/libs/notifications/src',
  '^@switchyard/matching$': '<rootDir>/libs/matching/src',
  '^@switchyard/scheduling$': '<rootDir>/libs/scheduling/src',
  '^@switchyard/community$': '<rootDir>/libs/community/src',
  '^@switchyard/referrals$': '<rootDir>/libs/referrals/src',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: aliases,
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.{spec,int-spec}.ts', '<rootDir>/tests/e2e/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/platform/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/platform/testing/src/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
