import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startFakeZoho, type FakeZoho } from '../fakes/fake-zoho.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { sample } from '../support/samples.js';

const shopify = sample('shopify-orders-create');

/**
 * The seeds' scenario: a Shopify order -> a Zoho CRM deal linked to the contact found by
 * email -> a Zoho Inventory sales order with the mapped line items -> the ERP webhook.
 */
describe('Shopify order to Zoho CRM, Zoho Inventory and the ERP', () => {
  let app: TestApp;
  let zoho: FakeZoho;
  let erp: FakeReceiver;
  let api: ReturnType<typeof apiClient>;
  let catchUrl: string;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    erp = await startReceiver();
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      // the fake Zoho listens on loopback: allowed as a Zoho endpoint host
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
      FLOWHUB_RECONCILE_INTERVAL_MS: '300',
    });
    api = apiClient(app.url!);
    const oauth = {
      clientId: zoho.oauth.clientId,
      clientSecret: zoho.oauth.clientSecret,
      refreshToken: zoho.oauth.refreshToken,
    };
    const urls = { accountsUrl: zoho.accountsUrl, apiDomain: zoho.apiDomain };
    await api.post('/api/v1/connections', {
      name: 'zoho-crm',
      plugin: 'zoho-crm',
      fields: { ...oauth, ...urls },
    });
    await api.post('/api/v1/connections', {
      name: 'zoho-inventory',
      plugin: 'zoho-inventory',
      fields: { ...oauth, ...urls, organizationId: zoho.inventory.organizationId },
    });
    zoho.crm.addRecord('Contacts', {
      Last_Name: 'Durand',
      First_Name: 'Camille',
      Email: 'client@test.com',
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
      trigger: { type: 'webhook', filter: '$number(total_price) > 0' },
      steps: [
        {
          id: 'deal',
          action: 'zoho-crm.createDeal',
          connection: 'zoho-crm',
          input: { Stage: 'Closed Won' },
          map: "{ 'Deal_Name': 'Order #' & order_number, 'Amount': $number(total_price), 'contactEmail': customer.email }",
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
          map: "{ 'body': { 'event': 'deal.created', 'dealId': $steps.deal.id, 'salesOrder': $steps.order.salesorder_number } }",
        },
      ],
    });
    expect(flow.status).toBe(201);
    catchUrl = flow.body.catchUrl;
  });
  afterAll(async () => {
    await app.stop();
    await zoho.close();
    await erp.close();
  });

  it('runs end to end and every step is visible in the run', async () => {
    const caught = await postToCatch(
      catchUrl,
      JSON.stringify(shopify.body),
      'application/json',
      shopify.headers,
    );
    const run = await api.waitForRun(caught.body.runId);
    expect(run.status).toBe('succeeded');
    const [deal, order, notify] = run.steps;
    const contactId = zoho.crm.records.Contacts[0].id;
    expect(deal.output).toMatchObject({ id: expect.any(String), contactId });
    expect(zoho.crm.records.Deals).toEqual([
      expect.objectContaining({
        Deal_Name: 'Order #1234',
        Stage: 'Closed Won',
        Amount: 99.99,
        Contact_Name: { id: contactId },
      }),
    ]);
    expect(order.output).toMatchObject({ salesorder_number: expect.stringMatching(/^SO-/) });
    const [salesOrder] = zoho.inventory.salesorders;
    expect(salesOrder.customer_id).toBe('C-7');
    expect(
      (salesOrder.line_items as { item_id: string; quantity: number; rate: number }[]).map((l) => [
        l.item_id,
        l.quantity,
        l.rate,
      ]),
    ).toEqual([
      ['I-1', 2, 29.99],
      ['I-2', 1, 30.01],
    ]);
    expect(erp.requests.map((r) => r.body)).toEqual([
      { event: 'deal.created', dealId: deal.output.id, salesOrder: order.output.salesorder_number },
    ]);
    expect(notify.output.status).toBe(200);
  });

  it('creates nothing twice when every step is re-driven after the providers committed', async () => {
    const [{ id: runId }] = (await api.get('/api/v1/runs?limit=1')).body.items;
    await app.database.admin(async () => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: app.database.url });
      await client.connect();
      try {
        // As if the worker died after each provider call but before recording it.
        await client.query("UPDATE runs SET status = 'running', finished_at = NULL WHERE id = $1", [
          runId,
        ]);
        await client.query(
          "UPDATE run_steps SET status = 'running', lease_until = now() - interval '1 second' WHERE run_id = $1",
          [runId],
        );
      } finally {
        await client.end();
      }
    });
    const run = await api.waitForRun(runId, 20_000, ['succeeded', 'failed']);
    expect(run.status).toBe('succeeded');
    expect(
      run.steps.map((s: { history: { outcome: string }[] }) => s.history.map((h) => h.outcome)),
    ).toEqual([
      ['succeeded', 'lost', 'succeeded'],
      ['succeeded', 'lost', 'succeeded'],
      ['succeeded', 'lost', 'succeeded'],
    ]);
    expect(zoho.crm.records.Deals).toHaveLength(1);
    expect(zoho.inventory.salesorders).toHaveLength(1);
    expect(erp.requests).toHaveLength(2);
    expect([...erp.effects.values()]).toEqual([1]);
  });
});
