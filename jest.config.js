// `npm test`: unit specs beside the code plus the integration and process suites, on an
// embedded Postgres started once by the global setup (no services needed).
export const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  setupFiles: ['reflect-metadata'],
  testTimeout: 30_000,
  maxWorkers: 2,
};

export default {
  ...base,
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/plugins/**/*.spec.ts',
    '<rootDir>/test/{integration,e2e,tooling}/**/*.spec.ts',
  ],
};
