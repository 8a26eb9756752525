/** @flowhub/plugin-sdk/testing: helpers for plugin tests (no Flowhub host needed). */
export { actionContext, noHttp, staticAuth } from './action-context.js';
export { runActionFixture } from './fixture.js';
export type { ActionFixture, FixtureOptions } from './fixture.js';
export { replayHttp, requestDifferences } from './replay-http.js';
export type {
  RecordedExchange,
  RecordedRequest,
  RecordedResponse,
  ReplayHttp,
} from './replay-http.js';
