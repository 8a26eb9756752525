import { jest } from '@jest/globals';
import { RunQueue } from '../../src/runs/run-queue.service.js';
import { INLINE_STEPS } from '../../src/runs/run-executor.service.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Steps due at once run back to back in one job; a long flow hands over to the queue. */
describe('inline steps', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootTestApp();
  });
  afterAll(() => app.stop());

  it(`runs up to ${INLINE_STEPS} steps in the start job, then enqueues the next`, async () => {
    const api = apiClient(app.url!);
    const stepJobs = jest.spyOn(app.app.get(RunQueue), 'step');
    const flow = (count: number) =>
      api.post('/api/v1/flows', {
        name: `${count} steps`,
        trigger: { type: 'webhook' },
        steps: Array.from({ length: count }, (_, i) => ({
          id: `s${i}`,
          action: 'core.transform',
          map: i === 0 ? '{ "n": n }' : `{ "n": $steps.s${i - 1}.n + 1 }`,
        })),
      });
    const short = (await flow(3)).body;
    const shortRun = (await postToCatch(short.catchUrl, '{"n": 1}')).body.runId;
    const shortDone = await api.waitForRun(shortRun);
    expect(shortDone.status).toBe('succeeded');
    expect(shortDone.steps.at(-1).output).toEqual({ n: 3 });
    expect(stepJobs).not.toHaveBeenCalled();

    const long = (await flow(INLINE_STEPS + 2)).body;
    const longRun = (await postToCatch(long.catchUrl, '{"n": 1}')).body.runId;
    const longDone = await api.waitForRun(longRun);
    expect(longDone.status).toBe('succeeded');
    expect(longDone.steps.at(-1).output).toEqual({ n: INLINE_STEPS + 2 });
    expect(stepJobs).toHaveBeenCalledTimes(1);
    expect(stepJobs.mock.calls[0].slice(0, 2)).toEqual([longRun, `s${INLINE_STEPS}`]);
  });
});
