// `npm run test:chaos`: the fault-injection suite (docs/reliability.md). Each spec starts its
// own PostgreSQL, Redis and Flowhub processes, so no global setup. At full size one spec at a
// time; scaled down (CI) two at once: the specs mostly wait for processes killed and restarted
// (about a third of two cores busy), and each has its own processes and ports.
// CHAOS_SCALE=0.1 (in .ci/run) scales the loads down; the default 1 is the full size.
import { base } from './jest.config.js';

export default {
  ...base,
  globalSetup: undefined,
  globalTeardown: undefined,
  testMatch: ['<rootDir>/test/chaos/**/*.spec.ts'],
  maxWorkers: Number(process.env.CHAOS_SCALE ?? 1) < 1 ? 2 : 1,
  testTimeout: 600_000,
};
