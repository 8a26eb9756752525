// `npm run test:chaos`: the fault-injection suite (docs/reliability.md). Each spec starts its
// own PostgreSQL, Redis and Flowhub processes, so no global setup and one spec at a time.
// CHAOS_SCALE=0.1 (in .ci/run) scales the loads down; the default 1 is the full size.
import { base } from './jest.config.js';

export default {
  ...base,
  globalSetup: undefined,
  globalTeardown: undefined,
  testMatch: ['<rootDir>/test/chaos/**/*.spec.ts'],
  maxWorkers: 1,
  testTimeout: 600_000,
};
