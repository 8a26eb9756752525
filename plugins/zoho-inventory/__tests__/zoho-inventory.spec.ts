import { classifyError } from '../../../src/engine/step-errors.js';
import type { HttpClient, OAuth2Access } from '@flowhub/plugin-sdk';
import { startFakeZoho, type FakeZoho } from '../../../test/fakes/fake-zoho.js';
import { zohoActionContext } from '../../../test/fakes/zoho-action-context.js';
import { runAction } from '../../__tests__/action-context.js';

describe('zoho-inventory actions against a fake Zoho', () => {
  let zoho: FakeZoho;
  let http: HttpClient;
  let connection: Record<string, unknown>;
  let auth: OAuth2Access;
  let close: () => void;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    ({ http, connection, auth, close } = zohoActionContext(zoho, {
      organizationId: zoho.inventory.organizationId,
    }));
    zoho.inventory.contacts.push({
      contact_id: 'C-1',
      contact_name: 'Camille Durand',
      email: 'client@test.com',
    });
    zoho.inventory.items.push(
      { item_id: 'I-1', sku: 'TSHIRT-BLK-M', name: 'T-shirt noir', rate: 29.99 },
      { item_id: 'I-2', sku: 'MUG-LOGO', name: 'Mug logo', rate: 30.01 },
    );
  });
  afterAll(async () => {
    close();
    await zoho.close();
  });

  const run = (action: string, input: Record<string, unknown>, idempotencyKey = 'run-1:so') =>
    runAction(`zoho-inventory.${action}`, input, { http, connection, auth, idempotencyKey });

  it('creates a sales order for the customer found by email, with items found by SKU', async () => {
    const output = await run('createSalesOrder', {
      customerEmail: 'client@test.com',
      line_items: [
        { sku: 'TSHIRT-BLK-M', quantity: 2 },
        { sku: 'MUG-LOGO', quantity: 1, rate: 30.01 },
      ],
    });
    expect(output).toMatchObject({
      salesorder_id: expect.any(String),
      salesorder_number: expect.stringMatching(/^SO-/),
      reused: false,
    });
    const [order] = zoho.inventory.salesorders;
    expect(order).toMatchObject({ customer_id: 'C-1', reference_number: 'run-1:so' });
    expect(
      (order.line_items as { item_id: string; quantity: number }[]).map((l) => [
        l.item_id,
        l.quantity,
      ]),
    ).toEqual([
      ['I-1', 2],
      ['I-2', 1],
    ]);
    const create = zoho.inventory.requests.find((r) => r.method === 'POST')!;
    expect(create.query.organization_id).toBe(zoho.inventory.organizationId);
  });

  it('finds its own order instead of creating a second one when the step runs again', async () => {
    const before = zoho.inventory.salesorders.length;
    const again = await run('createSalesOrder', {
      customerEmail: 'client@test.com',
      line_items: [{ sku: 'MUG-LOGO', quantity: 1 }],
    });
    expect(again).toMatchObject({ reused: true });
    expect(zoho.inventory.salesorders.length).toBe(before);
  });

  it('turns non-zero codes into permanent errors with Zoho message', async () => {
    const error = await run(
      'createSalesOrder',
      { customer_id: 'C-404', line_items: [{ item_id: 'I-1', quantity: 1 }] },
      'run-2:so',
    ).catch((e: Error) => e);
    expect(classifyError(error)).toMatchObject({ retryable: false });
    expect((error as Error).message).toMatch(/^Zoho Inventory error 1002: /);
    await expect(
      run(
        'createSalesOrder',
        { customerEmail: 'ghost@test.com', line_items: [{ sku: 'MUG-LOGO', quantity: 1 }] },
        'run-3:so',
      ),
    ).rejects.toThrow('no customer with email ghost@test.com in Zoho Inventory');
    await expect(
      run(
        'createSalesOrder',
        { customer_id: 'C-1', line_items: [{ sku: 'NOPE', quantity: 1 }] },
        'run-4:so',
      ),
    ).rejects.toThrow('no item with SKU NOPE in Zoho Inventory');
  });

  it('finds contacts and items, null when absent', async () => {
    expect(await run('findContact', { email: 'client@test.com' })).toMatchObject({
      contact: { contact_id: 'C-1' },
    });
    expect(await run('findContact', { email: 'nobody@test.com' })).toEqual({ contact: null });
    expect(await run('findItem', { sku: 'MUG-LOGO' })).toMatchObject({ item: { item_id: 'I-2' } });
  });
});
