/**
 * Three projects, split by what they need (`npm test` runs them all, several files at a time):
 * - unit: pure libs and app helpers; no PostgreSQL, no Redis, no global setup (`npm run test:unit`);
 * - integration: real PostgreSQL and Redis, each test file in its own database and queue prefix;
 * - slow: the same services plus built processes (the server, the CLI), fault injection and the browser.
 */
const SLOW_E2E = ['cli', 'embedded-start', 'embedded-loop', 'backup', 'logs', 'plan-upload-off-thread'];

const { readFileSync } = require('fs');
const { availableParallelism } = require('os');

/** `.swcrc`: the same transpiler options as `npm run build` (scripts/build-server.js). */
const swcOptions = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The same aliases as tsconfig.json's `paths`: a lib through its index, an app's, bench's or a migration's file by path.
  moduleNameMapper: {
    '^@dx/(api|cli|worker|web)/(.*)$': '<rootDir>/apps/$1/src/$2',
    '^@dx/bench/(.*)$': '<rootDir>/bench/$1',
    '^@dx/migrations$': '<rootDir>/migrations/index.ts',
    '^@dx/migrations/(.*)$': '<rootDir>/migrations/$1',
    '^@dx/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  // Type checking runs once as `tsc --noEmit` in `npm test`; jest only transpiles, with the build's SWC options.
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
};

const withServices = {
  ...shared,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

const slowE2e = `<rootDir>/test/e2e/(${SLOW_E2E.join('|')})\\.e2e-spec\\.ts$`;

/** @type {import('jest').Config} */
module.exports = {
  // Test files wait on PostgreSQL, Redis and child processes much of the time: one worker more than there are cores,
  // at least three (on 2 cores: 337 s against 445 s with two workers and about 600 s in one process).
  maxWorkers: Math.max(3, availableParallelism() + 1),
  testTimeout: 60000,
  testSequencer: '<rootDir>/test/setup/sequencer.js',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test/unit'],
      testRegex: '.*\\.spec\\.ts$',
    },
    {
      ...withServices,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration', '<rootDir>/test/e2e'],
      testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', slowE2e],
    },
    {
      ...withServices,
      displayName: 'slow',
      roots: ['<rootDir>/test/faults', '<rootDir>/test/browser', '<rootDir>/test/e2e'],
      testRegex: [`test/(faults|browser)/.*\\.(spec|e2e-spec)\\.ts$`, `test/e2e/(${SLOW_E2E.join('|')})\\.e2e-spec\\.ts$`],
    },
  ],
};
