/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The same aliases as tsconfig.json's `paths`: a lib through its index, an app's or a migration's file by path.
  moduleNameMapper: {
    '^@dx/(api|cli|worker)/(.*)$': '<rootDir>/apps/$1/src/$2',
    '^@dx/bench/(.*)$': '<rootDir>/bench/$1',
    '^@dx/migrations$': '<rootDir>/migrations/index.ts',
    '^@dx/migrations/(.*)$': '<rootDir>/migrations/$1',
    '^@dx/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  // Type checking runs once as `tsc --noEmit` in `npm test`; jest only transpiles.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60000,
};
