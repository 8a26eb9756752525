// `npm run test:services`: the integration suites against the real PostgreSQL and Redis
// named by DATABASE_URL and REDIS_URL (BullMQ on Redis, as in production).
import { base } from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/{integration,services}/**/*.spec.ts'],
};
