import { readFileSync } from 'node:fs';
import { runActionFixture, type ActionFixture } from '@flowhub/plugin-sdk/testing';
import { validInput } from '../../__tests__/action-context.js';
import { createDeal } from '../actions/create-deal.action.js';

/** A recorded exchange with Zoho CRM (API v8), replayed with the network off. */
const recorded = (): ActionFixture =>
  JSON.parse(readFileSync(new URL('./fixtures/create-deal.json', import.meta.url), 'utf8'));
const run = (fixture: ActionFixture) =>
  runActionFixture(createDeal, fixture, {
    input: (plain) => validInput('zoho-crm.createDeal', plain),
  });

describe('zoho-crm.createDeal against fixtures/create-deal.json', () => {
  it('searches the contact, upserts the deal on Flowhub_Key and returns the ids', async () => {
    expect(await run(recorded())).toEqual(recorded().expected);
  });

  it('fails when the action sends another deal than the one recorded', async () => {
    const fixture = recorded();
    fixture.input.Amount = 300;
    await expect(run(fixture)).rejects.toThrow(
      /request 2 \(POST https:\/\/www\.zohoapis\.eu\/crm\/v8\/Deals\/upsert\) differs from the recording: body/,
    );
  });

  it('fails when Zoho is asked for the contact with another token', async () => {
    const fixture = recorded();
    fixture.auth = { accessToken: '1000.other', extra: fixture.auth?.extra };
    await expect(run(fixture)).rejects.toThrow(/request 1 .* header Authorization/);
  });
});
