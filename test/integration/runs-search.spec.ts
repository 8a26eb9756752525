import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Issue 19 (search): GET /runs?match=path=value finds runs by their request's body, bounded. */
describe('GET /runs?match=', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let flowId: string;
  /** Run ids by the n in their body: 0 is the oldest. */
  const runs: string[] = [];
  const SCAN = 10;

  const search = async (query: string) => (await api.get(`/api/v1/runs?${query}`)).body;
  const ids = (page: { items: { id: string }[] }) => page.items.map((r) => r.id);

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_SEARCH_SCAN_LIMIT: String(SCAN) });
    api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Orders',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    flowId = flow.body.id;
    for (let n = 0; n < 25; n++) {
      const email = n === 2 || n === 20 ? 'client@test.com' : `other${n}@test.com`;
      const body = { customer: { email }, amount: n, paid: n % 2 === 0, items: [{ sku: `S${n}` }] };
      runs.push((await postToCatch(flow.body.catchUrl, JSON.stringify(body))).body.runId);
    }
    await api.waitForRun(runs[24]);
  });
  afterAll(() => app.stop());

  it('finds the runs whose body has the value at the path, as text', async () => {
    expect(ids(await search('match=items.0.sku=S17'))).toEqual([runs[17]]);
    expect(ids(await search('match=amount=23'))).toEqual([runs[23]]);
    expect(
      ids(await search(`flowId=${flowId}&match=customer.email=nobody@test.com&limit=5`)).length,
    ).toBe(0);
  });

  it('reads at most the scan limit of bodies per page, and the cursor searches on', async () => {
    const first = await search('match=customer.email=client@test.com');
    expect(first).toMatchObject({ partial: true }); // runs 24..15 read: 20 found
    expect(ids(first)).toEqual([runs[20]]);
    const second = await search(`match=customer.email=client@test.com&cursor=${first.nextCursor}`);
    expect(ids(second)).toEqual([]); // runs 14..5
    expect(second.partial).toBe(true);
    const third = await search(`match=customer.email=client@test.com&cursor=${second.nextCursor}`);
    expect(ids(third)).toEqual([runs[2]]); // runs 4..0: fewer than the limit left
    expect(third).toMatchObject({ partial: false, nextCursor: null });
  });

  it('pages matches inside one scan window with the usual cursor', async () => {
    const page = await search('match=paid=true&limit=2'); // 24, 22 (of 24, 22, 20, 18, 16)
    expect(ids(page)).toEqual([runs[24], runs[22]]);
    expect(page.partial).toBe(false);
    const next = await search(`match=paid=true&limit=2&cursor=${page.nextCursor}`);
    expect(ids(next)).toEqual([runs[20], runs[18]]);
  });

  it('says what to send for a malformed match', async () => {
    for (const bad of ['email', 'a..b=1', encodeURIComponent("a'b=1")]) {
      const response = await api.get(`/api/v1/runs?match=${bad}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(
        'match must be <path>=<value>, the path dot-separated',
      );
    }
  });
});
