import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startFakeZoho, zohoConnectionFields, type FakeZoho } from '../fakes/fake-zoho.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { sample } from '../support/samples.js';

const shopify = sample('shopify-orders-create');
const SAMPLE_DEAL = { id: '0000000000000000000', contactId: null, action: 'insert' };

/**
 * Issue 16 item 3: a side-effect step in dry-run is `skipped` with reason `dry-run` and its
 * resolved input; a declared sampleOutput is recorded (marked as a sample); a later step that
 * reads a skipped step's empty output says so in its warnings. The run still succeeds.
 */
describe('dry-run shows what it skipped', () => {
  let app: TestApp;
  let zoho: FakeZoho;
  let erp: FakeReceiver;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    erp = await startReceiver();
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
    });
    api = apiClient(app.url!);
    const fields = zohoConnectionFields(zoho);
    await api.post('/api/v1/connections', { name: 'zoho-crm', plugin: 'zoho-crm', fields });
  });
  afterAll(async () => {
    await app.stop();
    await zoho.close();
    await erp.close();
  });

  const steps = () => [
    {
      id: 'deal',
      action: 'zoho-crm.createDeal',
      connection: 'zoho-crm',
      input: { Stage: 'Closed Won' },
      map: "{ 'Deal_Name': 'Order #' & order_number }",
    },
    {
      id: 'erp',
      action: 'http.request',
      input: { method: 'POST', url: `${erp.url}/hooks/deal` },
      map: "{ 'body': { 'dealId': $steps.deal.id } }",
    },
    // A sleep hands the run to another job, which reads what was recorded from Postgres.
    { id: 'wait', action: 'core.delay', input: { ms: 50 } },
    {
      id: 'summary',
      action: 'core.transform',
      map: "{ 'dealId': $steps.deal.id, 'erpStatus': $steps.erp.status }",
    },
  ];

  it('records skipped steps, the sample output and a warning for the empty reference', async () => {
    const flow = await api.post('/api/v1/flows', {
      name: 'Dry deal',
      mode: 'dry-run',
      trigger: { type: 'webhook' },
      steps: steps(),
    });
    expect(flow.status).toBe(201);
    const body = JSON.stringify(shopify.body);
    const caught = await postToCatch(flow.body.catchUrl, body, 'application/json');
    const run = await api.waitForRun(caught.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', mode: 'dry-run' });
    expect(zoho.crm.requests).toHaveLength(0);
    expect(erp.requests).toHaveLength(0);
    const [deal, notify, , summary] = run.steps;
    expect(deal).toMatchObject({
      status: 'skipped',
      reason: 'dry-run',
      input: { Deal_Name: 'Order #1234', Stage: 'Closed Won' },
      output: SAMPLE_DEAL,
      sampleOutput: true,
    });
    expect(notify).toMatchObject({
      status: 'skipped',
      reason: 'dry-run',
      input: { method: 'POST', body: { dealId: SAMPLE_DEAL.id } },
      output: null,
      sampleOutput: false,
      warnings: [],
    });
    expect(summary).toMatchObject({
      status: 'succeeded',
      output: { dealId: SAMPLE_DEAL.id },
      warnings: ["steps.erp is empty: step 'erp' was skipped in dry-run"],
    });
  });

  it('a test run with dryRun warns in the same job too, and a live run has no warnings', async () => {
    const flow = await api.post('/api/v1/flows', {
      name: 'Tested deal',
      trigger: { type: 'webhook' },
      steps: steps().filter((s) => s.id !== 'wait'),
    });
    const dry = await api.post(`/api/v1/flows/${flow.body.id}/test`, {
      payload: shopify.body,
      dryRun: true,
    });
    expect(dry.body.status).toBe('succeeded');
    expect(dry.body.steps.map((s: { status: string }) => s.status)).toEqual([
      'skipped',
      'skipped',
      'succeeded',
    ]);
    expect(dry.body.steps[2].warnings).toEqual([
      "steps.erp is empty: step 'erp' was skipped in dry-run",
    ]);
    const live = await api.post(`/api/v1/flows/${flow.body.id}/test`, { payload: shopify.body });
    expect(live.body.status).toBe('succeeded');
    expect(zoho.crm.records.Deals).toHaveLength(1);
    expect(live.body.steps[0]).toMatchObject({ status: 'succeeded', sampleOutput: false });
    expect(live.body.steps[2]).toMatchObject({ warnings: [], reason: null });
  });
});
