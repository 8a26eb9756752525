import { readFileSync } from 'node:fs';
import { runActionFixture, type ActionFixture } from '@flowhub/plugin-sdk/testing';
import { validInput } from '../../__tests__/action-context.js';
import { createSalesOrder } from '../actions/create-sales-order.action.js';

/** A recorded exchange with Zoho Inventory (API v1), replayed with the network off. */
const recorded = (): ActionFixture =>
  JSON.parse(readFileSync(new URL('./fixtures/create-sales-order.json', import.meta.url), 'utf8'));
const run = (fixture: ActionFixture) =>
  runActionFixture(createSalesOrder, fixture, {
    input: (plain) => validInput('zoho-inventory.createSalesOrder', plain),
  });

describe('zoho-inventory.createSalesOrder against fixtures/create-sales-order.json', () => {
  it('checks the reference, looks up customer and item, creates the order', async () => {
    expect(await run(recorded())).toEqual(recorded().expected);
  });

  it('fails when a recorded request is never made (the order already exists)', async () => {
    const fixture = recorded();
    const [lookup] = fixture.http;
    const existing = { salesorder_id: '4815000000044010', salesorder_number: 'SO-00001' };
    lookup.response.body = { ...(lookup.response.body as object), salesorders: [existing] };
    await expect(run(fixture)).rejects.toThrow(
      /recorded requests were never made: GET https:\/\/www\.zohoapis\.eu\/inventory\/v1\/contacts/,
    );
  });

  it("fails when the action's output differs from expected", async () => {
    const fixture = recorded();
    fixture.expected = { ...(fixture.expected as object), total: 41 };
    await expect(run(fixture)).rejects.toThrow(/output differs from the fixture's expected output/);
  });
});
