import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';

interface StepView {
  id: string;
  status: string;
  error: string | null;
  idempotencyKey: string;
}
interface RunView {
  id: string;
  status: string;
  flowVersion: number;
  steps: StepView[];
  replay: Record<string, unknown> | null;
}

/**
 * Issue 16 item 2: fromStep never runs an earlier step again (a failed onError-continue step
 * keeps its recorded outcome), retry starts at the first failed step, replays on the latest
 * version map steps by id, and what cannot be done is a 400 that says what to pass.
 */
describe('replay modes, step by step', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let receiver: FakeReceiver;
  let flowId: string;
  let failed: RunView;
  const hits = (path: string) => receiver.requests.filter((r) => r.url === path);
  const step = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    action: 'http.request',
    input: { method: 'POST', url: `${receiver.url}/${id}` },
    ...extra,
  });
  const stepsV1 = () => [
    step('a', { onError: 'continue' }),
    { id: 'b', action: 'core.transform', map: "{ 'n': order }" },
    step('final'),
  ];
  const replay = (body: Record<string, unknown>) =>
    api.post(`/api/v1/runs/${failed.id}/replay`, body);
  const replayed = async (body: Record<string, unknown>): Promise<RunView> => {
    const reply = await replay(body);
    expect(reply.status).toBe(202);
    return api.waitForRun(reply.body.id);
  };

  beforeAll(async () => {
    receiver = await startReceiver((request) => {
      if (request.url === '/a') return { status: 422, body: { error: 'a refused' } };
      if (request.url === '/final' && hits('/final').length === 1) return { status: 400 };
      return { status: 200, body: { ok: true } };
    });
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Continue, then final',
      trigger: { type: 'webhook' },
      steps: stepsV1(),
    });
    expect(flow.status).toBe(201);
    flowId = flow.body.id;
    const caught = await postToCatch(flow.body.catchUrl, '{"order": 7}');
    failed = await api.waitForRun(caught.body.runId);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('fromStep final keeps the failed continue step as it was and never calls it again', async () => {
    expect(failed.steps.map((s) => s.status)).toEqual(['failed', 'succeeded', 'failed']);
    const run = await replayed({ fromStep: 'final' });
    expect(run.status).toBe('succeeded');
    expect(hits('/a')).toHaveLength(1);
    expect(hits('/final')).toHaveLength(2);
    expect(run.steps[0]).toMatchObject({ status: 'failed', error: failed.steps[0].error });
    expect(run.steps[2].idempotencyKey).toBe(`${failed.id}:final`);
    expect(run.replay).toMatchObject({ mode: 'from-step', reusedSteps: ['a', 'b'] });
  });

  it('retry starts again at the first failed step, with the same keys', async () => {
    const run = await replayed({});
    expect(run.replay).toMatchObject({ mode: 'retry', reusedSteps: [] });
    expect(hits('/a').map((r) => r.headers['idempotency-key'])).toEqual([
      `${failed.id}:a`,
      `${failed.id}:a`,
    ]);
    expect(run.status).toBe('succeeded');
  });

  it('refuses a mode, a step or a combination it cannot do, saying what to pass', async () => {
    const refused = async (body: Record<string, unknown>, message: RegExp) => {
      const reply = await replay(body);
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body.message)).toMatch(message);
    };
    await refused({ mode: 'again' }, /mode must be one of retry, from-step, fresh/);
    await refused({ fromStep: 'nope' }, /'nope' is not a step of version 1 \(steps: a, b, final\)/);
    await refused({ mode: 'fresh', fromStep: 'final' }, /cannot be combined with mode 'fresh'/);
    await refused({ mode: 'retry', fromStep: 'final' }, /cannot be combined with mode 'retry'/);
    await refused({ mode: 'from-step' }, /needs fromStep/);
    await refused({ version: 'newest' }, /version must be pinned or latest/);
  });

  it('replays on the latest version, mapping steps by id', async () => {
    const audit = { id: 'audit', action: 'core.transform', map: "{ 'seen': true }" };
    const [a, b, final] = stepsV1();
    const updated = await api.put(`/api/v1/flows/${flowId}`, {
      name: 'Continue, audit, then final',
      trigger: { type: 'webhook' },
      steps: [a, b, audit, final],
    });
    expect(updated.status).toBe(200);
    const missing = await replay({ fromStep: 'final', version: 'latest' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/step 'audit' comes before .* no record of it/);
    const calls = hits('/a').length;
    const run = await replayed({ fromStep: 'audit', version: 'latest' });
    expect(run).toMatchObject({ status: 'succeeded', flowVersion: 2 });
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([
      ['a', 'failed'],
      ['b', 'succeeded'],
      ['audit', 'succeeded'],
      ['final', 'succeeded'],
    ]);
    expect(hits('/a')).toHaveLength(calls);
    expect(run.steps[2].idempotencyKey).toBe(`${failed.id}:audit`);
    expect(run.replay).toMatchObject({ version: 'latest', reusedSteps: ['a', 'b'] });
  });
});
