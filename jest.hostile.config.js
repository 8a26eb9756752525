// `npm run test:hostile`: the hostile-request suite alone, with HOSTILE_COUNT (10,000 by default
// in that script; `npm test` runs the same suite with 2,000).
import { base } from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/hostile/**/*.spec.ts'],
};
