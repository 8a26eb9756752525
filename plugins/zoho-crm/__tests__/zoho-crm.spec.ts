import { classifyError } from '../../../src/engine/step-errors.js';
import type { HttpClient, OAuth2Access } from '@flowhub/plugin-sdk';
import { zohoOAuth2 } from '../../zoho-shared/zoho.js';
import { startFakeZoho, type FakeZoho } from '../../../test/fakes/fake-zoho.js';
import { zohoActionContext } from '../../../test/fakes/zoho-action-context.js';
import { runAction } from '../../__tests__/action-context.js';

// Fixture-style: input -> the HTTP exchange with a loopback fake of Zoho's documented API -> output.
describe('zoho-crm actions against a fake Zoho', () => {
  let zoho: FakeZoho;
  let http: HttpClient;
  let connection: Record<string, unknown>;
  let auth: OAuth2Access;
  let close: () => void;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    ({ http, connection, auth, close } = zohoActionContext(zoho, { dataCenter: 'eu' }));
  });
  afterAll(async () => {
    close();
    await zoho.close();
  });

  const run = (action: string, input: Record<string, unknown>, idempotencyKey = 'run-1:deal') =>
    runAction(`zoho-crm.${action}`, input, { http, connection, auth, idempotencyKey });

  it('creates a deal linked to the contact found by email', async () => {
    const contactId = zoho.crm.addRecord('Contacts', {
      Last_Name: 'Durand',
      Email: 'client@test.com',
    });
    const output = await run('createDeal', {
      Deal_Name: 'Order #1234',
      Stage: 'Closed Won',
      Amount: 99.99,
      contactEmail: 'client@test.com',
    });
    expect(output).toMatchObject({ id: expect.any(String), contactId, action: 'insert' });
    const deal = zoho.crm.records.Deals.find((d) => d.id === (output as { id: string }).id)!;
    expect(deal).toMatchObject({
      Deal_Name: 'Order #1234',
      Stage: 'Closed Won',
      Amount: 99.99,
      Contact_Name: { id: contactId },
      Flowhub_Key: 'run-1:deal',
    });
    const search = zoho.crm.requests.find((r) => r.path === '/crm/v8/Contacts/search')!;
    expect(search.query).toEqual({ email: 'client@test.com' });
    expect(search.headers.authorization).toMatch(/^Zoho-oauthtoken /);
  });

  it('does not create a second deal when the same step runs again', async () => {
    const before = zoho.crm.records.Deals.length;
    const first = (await run(
      'createDeal',
      { Deal_Name: 'Order #77', Stage: 'Qualification' },
      'run-9:deal',
    )) as { id: string };
    const again = (await run(
      'createDeal',
      { Deal_Name: 'Order #77', Stage: 'Qualification' },
      'run-9:deal',
    )) as { id: string; action: string };
    expect(again).toMatchObject({ id: first.id, action: 'update' });
    expect(zoho.crm.records.Deals.length).toBe(before + 1);
  });

  it('creates the contact when asked, and fails clearly when it is missing', async () => {
    const output = (await run(
      'createDeal',
      {
        Deal_Name: 'New',
        Stage: 'Qualification',
        contactEmail: 'new@test.com',
        createContactIfMissing: true,
        contactLastName: 'Nouveau',
      },
      'run-2:deal',
    )) as { contactId: string };
    expect(zoho.crm.records.Contacts.find((c) => c.id === output.contactId)).toMatchObject({
      Email: 'new@test.com',
      Last_Name: 'Nouveau',
    });
    await expect(
      run(
        'createDeal',
        { Deal_Name: 'X', Stage: 'Qualification', contactEmail: 'ghost@test.com' },
        'run-3:deal',
      ),
    ).rejects.toThrow(
      'no contact with email ghost@test.com in Zoho CRM (set createContactIfMissing to create one)',
    );
  });

  it('maps Zoho errors: DUPLICATE_DATA and INVALID_DATA are permanent and name the field, 429 is retryable', async () => {
    const existing = zoho.crm.addRecord('Contacts', { Last_Name: 'Dup', Email: 'dup@test.com' });
    const duplicate = await run('createRecord', {
      module: 'Contacts',
      fields: { Last_Name: 'Dup', Email: 'dup@test.com' },
    }).catch((e: Error) => e);
    expect(classifyError(duplicate)).toMatchObject({ retryable: false });
    expect((duplicate as Error).message).toMatch(
      new RegExp(`^Zoho CRM DUPLICATE_DATA on Email.*existing record ${existing}`),
    );
    const invalid = await run('createRecord', {
      module: 'Deals',
      fields: { Deal_Name: 'x'.repeat(300), Stage: 'Qualification' },
    }).catch((e: Error) => e);
    expect((invalid as Error).message).toMatch(
      /^Zoho CRM INVALID_DATA on Deal_Name at \$\.data\[0\]\.Deal_Name/,
    );
    zoho.crm.failNext(429);
    const limited = await run('searchRecords', { module: 'Contacts', email: 'dup@test.com' }).catch(
      (e: Error) => e,
    );
    expect(classifyError(limited)).toMatchObject({ retryable: true, code: 'http_429' });
  });

  it('searches (204 is an empty list) and upserts', async () => {
    expect(await run('searchRecords', { module: 'Contacts', email: 'nobody@test.com' })).toEqual({
      records: [],
      count: 0,
    });
    const found = (await run('searchRecords', {
      module: 'Contacts',
      criteria: '(Email:equals:dup@test.com)',
    })) as { count: number };
    expect(found.count).toBe(1);
    const up = await run('upsertRecord', {
      module: 'Contacts',
      fields: { Last_Name: 'Dupont', Email: 'dup@test.com' },
      duplicateCheckFields: ['Email'],
    });
    expect(up).toMatchObject({ action: 'update' });
  });

  it('refreshes once and repeats the call when the token expired mid-run', async () => {
    const issued = zoho.oauth.issued.length;
    zoho.oauth.expire();
    expect(await run('searchRecords', { module: 'Contacts', email: 'dup@test.com' })).toMatchObject(
      { count: 1 },
    );
    expect(zoho.oauth.issued.length).toBe(issued + 1);
  });

  it('refuses bad credentials with a message that says what to check', async () => {
    await expect(
      zohoOAuth2.refresh({ connection: { ...connection, clientSecret: 'wrong' }, http }),
    ).rejects.toThrow(
      /^Zoho token refresh failed: invalid_client \(check clientId, clientSecret, refreshToken and dataCenter\)/,
    );
  });
});
