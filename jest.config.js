// `npm test`: unit specs beside the code plus the integration and process suites, on an
// embedded Postgres started once by the global setup (no services needed).
export const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
    // Node 20 lets CommonJS require() ES modules; Jest's module loader does not (before
    // Node 24.9). @fastify/static (behind the /docs UI) requires the ESM-only
    // content-disposition, so that one package is compiled to CommonJS for tests.
    '/node_modules/content-disposition/.+\\.js$': [
      'ts-jest',
      { useESM: false, tsconfig: { allowJs: true, module: 'commonjs' }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
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
    '<rootDir>/test/{integration,e2e,tooling,fakes,hostile}/**/*.spec.ts',
  ],
};
