// `npm run test:e2e`: the console in a real Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) against the real app, on the same embedded Postgres setup as `npm test`
// (or DATABASE_URL). Writes docs/images/console-runs.png and console-run.png. Two specs at
// once: each boots its own app on its own database and its own Chromium.
import { base } from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
  testTimeout: 90_000,
  maxWorkers: 2,
};
