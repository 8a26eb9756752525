import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startFakeZoho, zohoConnectionFields, type FakeZoho } from '../fakes/fake-zoho.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { sample } from '../support/samples.js';

const shopify = sample('shopify-orders-create');

interface StepView {
  id: string;
  status: string;
  output: unknown;
  idempotencyKey: string;
  history: unknown[];
}

/**
 * Issue 16 item 2, the Zoho example: Shopify order -> createDeal -> createSalesOrder -> ERP
 * webhook, and the ERP webhook failed. A replay never makes a second Deal unless asked.
 */
describe('replaying a run that created a Zoho Deal', () => {
  let app: TestApp;
  let zoho: FakeZoho;
  let erp: FakeReceiver;
  let erpUp = false;
  let api: ReturnType<typeof apiClient>;
  let catchUrl: string;
  let failed: { id: string; status: string; steps: StepView[] };

  const keysOf = (run: { steps: StepView[] }) => run.steps.map((s) => s.idempotencyKey);
  const erpKeys = () => erp.requests.map((r) => r.headers['idempotency-key']);
  const replay = async (runId: string, body: Record<string, unknown>) => {
    const reply = await api.post(`/api/v1/runs/${runId}/replay`, body);
    expect(reply.status).toBe(202);
    return reply.body as { id: string; replay: Record<string, unknown> };
  };

  beforeAll(async () => {
    zoho = await startFakeZoho();
    erp = await startReceiver(() =>
      erpUp ? { status: 200, body: { ok: true } } : { status: 400, body: { error: 'ERP down' } },
    );
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
    });
    api = apiClient(app.url!);
    const fields = zohoConnectionFields(zoho);
    await api.post('/api/v1/connections', { name: 'zoho-crm', plugin: 'zoho-crm', fields });
    await api.post('/api/v1/connections', {
      name: 'zoho-inventory',
      plugin: 'zoho-inventory',
      fields: { ...fields, organizationId: zoho.inventory.organizationId },
    });
    zoho.inventory.contacts.push({
      contact_id: 'C-7',
      contact_name: 'Camille Durand',
      email: 'client@test.com',
    });
    zoho.inventory.items.push(
      { item_id: 'I-1', sku: 'TSHIRT-BLK-M', name: 'T-shirt noir', rate: 29.99 },
      { item_id: 'I-2', sku: 'MUG-LOGO', name: 'Mug logo', rate: 30.01 },
    );
    const flow = await api.post('/api/v1/flows', {
      name: 'Shopify order -> Zoho CRM deal + Inventory sales order + ERP',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'deal',
          action: 'zoho-crm.createDeal',
          connection: 'zoho-crm',
          input: { Stage: 'Closed Won' },
          map: "{ 'Deal_Name': 'Order #' & order_number, 'Amount': $number(total_price) }",
        },
        {
          id: 'order',
          action: 'zoho-inventory.createSalesOrder',
          connection: 'zoho-inventory',
          map: "{ 'customerEmail': customer.email, 'line_items': [line_items.{ 'sku': sku, 'quantity': quantity, 'rate': $number(price) }] }",
        },
        {
          id: 'notify-erp',
          action: 'http.request',
          input: { method: 'POST', url: `${erp.url}/hooks/deal` },
          map: "{ 'body': { 'dealId': $steps.deal.id, 'salesOrder': $steps.order.salesorder_number } }",
        },
      ],
    });
    expect(flow.status).toBe(201);
    catchUrl = flow.body.catchUrl;
    const body = JSON.stringify(shopify.body);
    const caught = await postToCatch(catchUrl, body, 'application/json', shopify.headers);
    failed = await api.waitForRun(caught.body.runId);
  });
  afterAll(async () => {
    await app.stop();
    await zoho.close();
    await erp.close();
  });

  it('retry (the default) re-sends only the ERP webhook, with its key, and makes no second Deal', async () => {
    expect(failed.status).toBe('failed');
    expect(zoho.crm.records.Deals).toHaveLength(1);
    const crmCalls = zoho.crm.requests.length;
    erpUp = true;
    const queued = await replay(failed.id, {});
    const run = await api.waitForRun(queued.id);
    expect(run.status).toBe('succeeded');
    expect(zoho.crm.requests).toHaveLength(crmCalls);
    expect(zoho.crm.records.Deals).toHaveLength(1);
    expect(zoho.inventory.salesorders).toHaveLength(1);
    expect(erpKeys()).toEqual([`${failed.id}:notify-erp`, `${failed.id}:notify-erp`]);
    expect(run.steps.slice(0, 2)).toMatchObject([
      { id: 'deal', status: 'succeeded', output: failed.steps[0].output, history: [] },
      { id: 'order', status: 'succeeded', output: failed.steps[1].output, history: [] },
    ]);
    expect(keysOf(run)).toEqual(keysOf(failed));
    expect(failed).toMatchObject({ failedStep: 'notify-erp' });
    expect(queued.replay).toEqual({
      of: failed.id,
      mode: 'retry',
      fromStep: null,
      reusedSteps: ['deal', 'order'],
      version: 'pinned',
      keysFrom: failed.id,
    });

    // A replay of that replay still uses the first run's keys; a succeeded run has nothing to retry.
    const again = await replay(run.id, { fromStep: 'notify-erp' });
    expect(again.replay).toMatchObject({ mode: 'from-step', keysFrom: failed.id });
    expect((await api.waitForRun(again.id)).status).toBe('succeeded');
    expect(erpKeys().at(-1)).toBe(`${failed.id}:notify-erp`);
    const nothing = await api.post(`/api/v1/runs/${again.id}/replay`, {});
    expect(nothing.status).toBe(409);
    expect(nothing.body.message).toMatch(/nothing to retry.*fromStep.*fresh/);
  });

  it('fromStep runs that step again with the original key: Zoho updates the same Deal', async () => {
    const crmCalls = zoho.crm.requests.length;
    const queued = await replay(failed.id, { fromStep: 'deal' });
    const run = await api.waitForRun(queued.id);
    expect(run.status).toBe('succeeded');
    expect(zoho.crm.requests.length).toBeGreaterThan(crmCalls);
    expect(zoho.crm.records.Deals).toHaveLength(1);
    expect(keysOf(run)).toEqual(keysOf(failed));
    expect(queued.replay).toMatchObject({ mode: 'from-step', fromStep: 'deal', reusedSteps: [] });
  });

  it('mode fresh runs every step with new keys, and may repeat side effects', async () => {
    const queued = await replay(failed.id, { mode: 'fresh' });
    expect(queued.replay).toMatchObject({ mode: 'fresh', reusedSteps: [], keysFrom: null });
    const run = await api.waitForRun(queued.id);
    expect(run.status).toBe('succeeded');
    expect(keysOf(run)).toEqual(['deal', 'order', 'notify-erp'].map((id) => `${run.id}:${id}`));
    expect(zoho.crm.records.Deals).toHaveLength(2);
  });
});
