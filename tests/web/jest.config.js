/**
 * The browser journeys (`npm run test:web`): the built web app in Debian's
 * Chromium through playwright-core, served by the real API with PostgreSQL,
 * Redis and the worker. Same transform, aliases and test databases as the
 * main jest run; one file at a time so a browser and an API do not fight
 * the rest of the suite for two cores.
 */
const path = require('node:path');
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: ['<rootDir>/tests/web/**/*.web-spec.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
