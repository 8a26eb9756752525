import { setTimeout as sleep } from 'node:timers/promises';
import { DomainEvents } from '../../src/events/domain-events.service.js';
import { EventBus } from '../../src/webhooks/event-bus.service.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventBody = { event: string; data: Record<string, any> };
const ISSUE_EVENTS = ['issue.opened', 'issue.reopened', 'issue.resolved', 'flow.failing'];

/** Issue 19 item 3: failed steps grouped into issues, their transitions and their events. */
describe('issues', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let receiver: FakeReceiver;
  let failing = true;
  let order = 0;
  let catchUrl: string;
  let flowId: string;

  beforeAll(async () => {
    receiver = await startReceiver((request) =>
      request.url === '/target' && failing
        ? { status: 422, body: { error: `order ${order} refused` } }
        : { status: 200, body: { ok: true } },
    );
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_ISSUE_RESOLVE_AFTER: '2',
      FLOWHUB_FLOW_FAILING_AFTER: '3',
    });
    api = apiClient(app.url!);
    const subscribed = await api.post('/api/v1/webhooks', {
      url: `${receiver.url}/events`,
      events: ISSUE_EVENTS,
    });
    expect(subscribed.status).toBe(201);
    const flow = await api.post('/api/v1/flows', {
      name: 'Orders to ERP',
      trigger: { type: 'webhook' },
      steps: [
        { id: 'shape', action: 'core.transform', map: '{"order": $trigger.body.order}' },
        {
          id: 'push',
          action: 'http.request',
          input: { method: 'POST', url: `${receiver.url}/target` },
        },
      ],
    });
    expect(flow.status).toBe(201);
    catchUrl = flow.body.catchUrl;
    flowId = flow.body.id;
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  /** Waits for the run, then for its events to be relayed and their deliveries recorded. */
  async function run(): Promise<string> {
    order += 1;
    const caught = await postToCatch(catchUrl, JSON.stringify({ order }));
    expect(caught.status).toBe(202);
    await api.waitForRun(caught.body.runId);
    await settle();
    return caught.body.runId as string;
  }
  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i += 1) {
      await app.app.get(DomainEvents).settled();
      await app.app.get(EventBus).settled();
    }
  }
  /** The issue events the receiver got so far (after the sends settle). */
  async function events(expected: number): Promise<EventBody[]> {
    const got = () =>
      receiver.requests.filter((r) => r.url === '/events').map((r) => r.body as EventBody);
    for (let tries = 0; got().length < expected && tries < 200; tries += 1) await sleep(50);
    await sleep(200);
    return got();
  }
  const issues = async () => (await api.get(`/api/v1/issues?flowId=${flowId}`)).body;

  it('opens, counts, is acknowledged, resolves after successes, re-opens, each with its event', async () => {
    const runs = [await run(), await run()];
    let page = await issues();
    expect(page.items).toHaveLength(1);
    const issue = page.items[0];
    expect(issue).toMatchObject({
      flow: { id: flowId, name: 'Orders to ERP' },
      stepId: 'push',
      action: 'http.request',
      errorCode: 'http_422',
      status: 'open',
      count: 2,
      exampleRunIds: [runs[1], runs[0]],
      reopened: 0,
    });
    expect(issue.message).toMatch(/order 2 refused/);
    expect(Date.parse(issue.firstSeenAt)).toBeLessThan(Date.parse(issue.lastSeenAt));
    expect((await events(1)).map((e) => e.event)).toEqual(['issue.opened']);

    runs.push(await run()); // the third failure in a row: flow.failing, once
    runs.push(await run());
    expect((await events(2)).map((e) => e.event)).toEqual(['issue.opened', 'flow.failing']);
    const opened = (await events(2))[0];
    expect(opened.data).toMatchObject({
      issue: { id: issue.id, stepId: 'push', errorCode: 'http_422', status: 'open', count: 1 },
      flow: { id: flowId, name: 'Orders to ERP' },
      links: { issue: `/api/v1/issues/${issue.id}`, latestRun: `/api/v1/runs/${runs[0]}` },
    });
    expect((await events(2))[1].data).toMatchObject({
      flow: { id: flowId, name: 'Orders to ERP' },
      failedRuns: 3,
      links: { run: `/api/v1/runs/${runs[2]}` },
    });
    const got = (await api.get(`/api/v1/issues/${issue.id}`)).body;
    expect(got).toMatchObject({ count: 4, exampleRunIds: [...runs].reverse() });

    const viewer = await api.post('/api/v1/api-keys', { name: 'reader', role: 'viewer' });
    const asViewer = apiClient(app.url!, viewer.body.key);
    expect((await asViewer.get(`/api/v1/issues/${issue.id}`)).status).toBe(200);
    const refused = await asViewer.call('PATCH', `/api/v1/issues/${issue.id}`, {
      status: 'acknowledged',
    });
    expect(refused.status).toBe(403);
    const acked = await api.call('PATCH', `/api/v1/issues/${issue.id}`, { status: 'acknowledged' });
    expect(acked.status).toBe(200);
    expect(acked.body.status).toBe('acknowledged');
    expect((await api.get('/api/v1/issues?status=acknowledged')).body.items).toHaveLength(1);
    expect((await api.get('/api/v1/issues?status=open')).body.items).toHaveLength(0);

    failing = false;
    await run();
    expect((await issues()).items[0].status).toBe('acknowledged'); // one success of two
    await run();
    page = await issues();
    expect(page.items[0].status).toBe('resolved');
    const resolved = (await events(3))[2];
    expect(resolved).toMatchObject({
      event: 'issue.resolved',
      data: { issue: { id: issue.id, status: 'resolved', count: 4 }, resolvedBy: 'successes' },
    });

    failing = true;
    const again = await run();
    page = await issues();
    expect(page.items[0]).toMatchObject({ status: 'open', count: 5, reopened: 1 });
    expect(page.items[0].exampleRunIds[0]).toBe(again);
    expect(page.items[0].exampleRunIds).toHaveLength(5);
    const all = await events(4);
    expect(all.map((e) => e.event)).toEqual([
      'issue.opened',
      'flow.failing',
      'issue.resolved',
      'issue.reopened',
    ]);
    expect(all[3].data.issue).toMatchObject({ id: issue.id, status: 'open', count: 5 });
  });

  it('counts an occurrence once when the outbox relays its event twice', async () => {
    const before = (await issues()).items[0];
    const runId = before.exampleRunIds[0];
    const event = {
      name: 'step.failed' as const,
      payload: { runId, stepId: 'push', error: 'x', attempts: 1 },
    };
    const domain = app.app.get(DomainEvents);
    await Promise.all([domain.relay([{ id: '0', event }]), domain.relay([{ id: '0', event }])]);
    await settle();
    const after = (await issues()).items[0];
    expect(after.count).toBe(before.count);
    expect(after.exampleRunIds).toEqual(before.exampleRunIds);
    expect((await events(4)).length).toBe(4);
  });

  it('resolves by hand with its event, keeps an ignored issue ignored while counting', async () => {
    const issue = (await issues()).items[0];
    const patched = await api.call('PATCH', `/api/v1/issues/${issue.id}`, { status: 'resolved' });
    expect(patched.body).toMatchObject({ status: 'resolved' });
    const resolvedByUser = (await events(5))[4];
    expect(resolvedByUser).toMatchObject({ event: 'issue.resolved', data: { resolvedBy: 'user' } });

    const ignored = await api.call('PATCH', `/api/v1/issues/${issue.id}`, { status: 'ignored' });
    expect(ignored.body.status).toBe('ignored');
    await run();
    const after = (await api.get(`/api/v1/issues/${issue.id}`)).body;
    expect(after).toMatchObject({ status: 'ignored', count: issue.count + 1 });
    expect((await events(5)).length).toBe(5); // no reopened for an ignored issue
  });

  it('groups messages without a code by their shape, and pages with the common cursor', async () => {
    const other = await api.post('/api/v1/flows', {
      name: 'Mapping breaks',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'calc',
          action: 'core.transform',
          map: '$error("order " & $trigger.body.order & " is bad")',
        },
      ],
    });
    expect(other.status).toBe(201);
    for (const n of [1, 2]) {
      const caught = await postToCatch(other.body.catchUrl, JSON.stringify({ order: 100 + n }));
      await api.waitForRun(caught.body.runId);
      await settle();
    }
    const mine = (await api.get(`/api/v1/issues?flowId=${other.body.id}`)).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ stepId: 'calc', count: 2, errorCode: 'fatal' });

    const first = await api.get('/api/v1/issues?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.get(`/api/v1/issues?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.nextCursor).toBeNull();
    expect((await api.get('/api/v1/issues?status=broken')).status).toBe(400);
    expect((await api.get('/api/v1/issues/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
