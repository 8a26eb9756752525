import { startFakeZoho, type FakeZoho } from './fake-zoho.js';
import { call, requestToken } from './fake-zoho-client.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('fake Zoho CRM', () => {
  let zoho: FakeZoho;
  let token: string;
  const api = (method: string, path: string, body?: unknown) =>
    call(zoho, method, path, body, token);

  beforeEach(async () => {
    zoho = await startFakeZoho();
    token = (await requestToken(zoho)).body.access_token;
  });
  afterEach(() => zoho.close());

  it('inserts records with 201 and one SUCCESS entry each, and records the request', async () => {
    const { status, body } = await api('POST', '/crm/v8/Contacts', {
      data: [{ Last_Name: 'Lovelace', Email: 'ada@example.com' }, { Last_Name: 'Hopper' }],
      trigger: ['workflow'],
    });
    expect(status).toBe(201);
    expect(body.data).toHaveLength(2);
    expect(body.data[0]).toEqual({
      code: 'SUCCESS',
      details: {
        id: expect.stringMatching(/^\d{19}$/),
        Created_Time: expect.any(String),
        Modified_Time: expect.any(String),
        Created_By: {
          name: expect.any(String),
          id: expect.any(String),
          email: expect.any(String),
        },
        Modified_By: expect.any(Object),
      },
      message: 'record added',
      status: 'success',
    });
    expect(zoho.crm.records.Contacts.map((record) => record.id)).toEqual(
      body.data.map((entry: any) => entry.details.id),
    );
    const fetched = await api('GET', `/crm/v8/Contacts/${body.data[0].details.id}`);
    expect(fetched.body.data[0]).toMatchObject({
      Last_Name: 'Lovelace',
      Email: 'ada@example.com',
    });
    expect(zoho.crm.requests[0]).toMatchObject({
      method: 'POST',
      path: '/crm/v8/Contacts',
      query: {},
      headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
      body: { data: expect.any(Array), trigger: ['workflow'] },
    });
  });

  it('answers 207 for a mixed batch and 400 when every record fails, with json_path', async () => {
    const contactId = zoho.crm.addRecord('Contacts', {
      Last_Name: 'Client',
      Email: 'c@example.com',
    });
    const mixed = await api('POST', '/crm/v8/Deals', {
      data: [
        { Deal_Name: 'Order 1', Stage: 'Closed Won', Contact_Name: { id: contactId } },
        { Deal_Name: 'Order 2' },
      ],
    });
    expect(mixed.status).toBe(207);
    expect(mixed.body.data[0]).toMatchObject({ code: 'SUCCESS', status: 'success' });
    expect(mixed.body.data[1]).toEqual({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'Stage', json_path: '$.data[1].Stage' },
      message: 'required field not found',
      status: 'error',
    });
    expect(zoho.crm.records.Deals).toHaveLength(1);

    const failed = await api('POST', '/crm/v8/Deals', { data: [{ Stage: 'Qualification' }] });
    expect(failed.status).toBe(400);
    expect(failed.body.data[0]).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'Deal_Name', json_path: '$.data[0].Deal_Name' },
    });
  });

  it('rejects over-long values and lookups to missing records with INVALID_DATA', async () => {
    const { status, body } = await api('POST', '/crm/v8/Deals', {
      data: [
        { Deal_Name: 'x'.repeat(256), Stage: 'Qualification' },
        { Deal_Name: 'D', Stage: 'Qualification', Contact_Name: { id: '5725767000099999999' } },
        { Deal_Name: 'D', Stage: 'Qualification', Account_Name: 'Acme' },
      ],
    });
    expect(status).toBe(400);
    expect(body.data.map((entry: any) => [entry.code, entry.details.json_path])).toEqual([
      ['INVALID_DATA', '$.data[0].Deal_Name'],
      ['INVALID_DATA', '$.data[1].Contact_Name.id'],
      ['INVALID_DATA', '$.data[2].Account_Name'],
    ]);
  });

  it('reports a duplicate unique Email with DUPLICATE_DATA and the existing record id', async () => {
    const existing = zoho.crm.addRecord('Contacts', { Last_Name: 'A', Email: 'dup@example.com' });
    const { status, body } = await api('POST', '/crm/v8/Contacts', {
      data: [{ Last_Name: 'B', Email: 'DUP@example.com' }],
    });
    expect(status).toBe(400);
    expect(body.data[0]).toEqual({
      code: 'DUPLICATE_DATA',
      details: {
        api_name: 'Email',
        json_path: '$.data[0].Email',
        duplicate_record: { id: existing, module: { api_name: 'Contacts' } },
      },
      message: 'duplicate data',
      status: 'error',
    });
  });

  it('upserts: updates the match (200, action update) or inserts (201, action insert)', async () => {
    const existing = zoho.crm.addRecord('Contacts', { Last_Name: 'Old', Email: 'u@example.com' });
    const updated = await api('POST', '/crm/v8/Contacts/upsert', {
      data: [{ Last_Name: 'New', Email: 'u@example.com' }],
      duplicate_check_fields: ['Email'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data[0]).toMatchObject({
      code: 'SUCCESS',
      action: 'update',
      duplicate_field: 'Email',
      details: { id: existing },
      message: 'record updated',
    });
    expect(zoho.crm.records.Contacts).toEqual([
      expect.objectContaining({ id: existing, Last_Name: 'New' }),
    ]);

    const inserted = await api('POST', '/crm/v8/Contacts/upsert', {
      data: [{ Last_Name: 'Other', Email: 'other@example.com' }],
      duplicate_check_fields: ['Email'],
    });
    expect(inserted.status).toBe(201);
    expect(inserted.body.data[0]).toMatchObject({ action: 'insert', message: 'record added' });
    expect(zoho.crm.records.Contacts).toHaveLength(2);
  });

  it('searches by email, criteria and word with 200, and answers 204 with an empty body', async () => {
    const id = zoho.crm.addRecord('Contacts', {
      Last_Name: 'Curie',
      First_Name: 'Marie',
      Email: 'mc@example.com',
    });
    zoho.crm.addRecord('Contacts', {
      Last_Name: 'Curie',
      First_Name: 'Pierre',
      Email: 'pc@example.com',
    });
    const byEmail = await api('GET', '/crm/v8/Contacts/search?email=mc%40example.com');
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toEqual({
      data: [expect.objectContaining({ id, Email: 'mc@example.com' })],
      info: { per_page: 200, count: 1, page: 1, more_records: false },
    });
    const criteria = encodeURIComponent('((Last_Name:equals:Curie)and(First_Name:equals:Pierre))');
    const byCriteria = await api('GET', `/crm/v8/Contacts/search?criteria=${criteria}`);
    expect(byCriteria.body.data.map((r: any) => r.Email)).toEqual(['pc@example.com']);
    expect((await api('GET', '/crm/v8/Contacts/search?word=curie')).body.info.count).toBe(2);

    const none = await api(
      'GET',
      '/crm/v8/Contacts/search?criteria=(Email:equals:nobody@example.com)',
    );
    expect(none).toEqual({ status: 204, text: '', body: undefined });
    expect((await api('GET', '/crm/v8/Contacts/search?criteria=Email=x')).body.code).toBe(
      'INVALID_QUERY',
    );
    expect((await api('GET', '/crm/v8/Contacts/99')).status).toBe(204);
    expect((await api('GET', '/crm/v8/Deal/search?word=x')).body.code).toBe('INVALID_MODULE');
  });

  it('failNext answers the next CRM call once (429, then a default 500), then normal again', async () => {
    zoho.crm.failNext(429, { code: 'TOO_MANY_REQUESTS', message: 'slow down', status: 'error' });
    zoho.crm.failNext(500);
    const first = await api('GET', '/crm/v8/Contacts/search?word=x');
    expect(first).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS' } });
    const second = await api('GET', '/crm/v8/Contacts/search?word=x');
    expect(second).toMatchObject({
      status: 500,
      body: { code: 'INTERNAL_ERROR', status: 'error' },
    });
    expect((await api('GET', '/crm/v8/Contacts/search?word=x')).status).toBe(204);
    expect(zoho.crm.requests).toHaveLength(3);
  });

  it('updates by id with PUT and rejects unknown ids, over-sized batches and unknown modules', async () => {
    const id = zoho.crm.addRecord('Deals', { Deal_Name: 'D', Stage: 'Qualification' });
    const updated = await api('PUT', `/crm/v8/Deals/${id}`, { data: [{ Stage: 'Closed Won' }] });
    expect(updated.status).toBe(200);
    expect(updated.body.data[0]).toMatchObject({ details: { id }, message: 'record updated' });
    expect(zoho.crm.records.Deals[0]).toMatchObject({ Deal_Name: 'D', Stage: 'Closed Won' });
    const unknown = await api('PUT', '/crm/v8/Deals', { data: [{ id: '1', Stage: 'Lost' }] });
    expect(unknown.body.data[0]).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'id' },
    });
    const tooMany = await api('POST', '/crm/v8/Leads', {
      data: Array(101).fill({ Last_Name: 'x' }),
    });
    expect(tooMany).toMatchObject({ status: 400, body: { code: 'LIMIT_EXCEEDED' } });
    expect(await api('POST', '/crm/v8/Deal', { data: [{}] })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_MODULE' },
    });
    expect((await api('GET', '/crm/v8/Deals')).body.code).toBe('REQUIRED_PARAM_MISSING');
    expect((await api('GET', '/crm/v8/Deals?fields=Stage')).body.data).toHaveLength(1);
  });

  it('parses criteria with or, starts_with, comma lists and escaped characters', async () => {
    zoho.crm.addRecord('Accounts', { Account_Name: 'Smith (UK), Ltd' });
    zoho.crm.addRecord('Accounts', { Account_Name: 'Jones' });
    zoho.crm.addRecord('Accounts', { Account_Name: 'Brown' });
    const names = async (criteria: string) => {
      const { status, body } = await api(
        'GET',
        `/crm/v8/Accounts/search?criteria=${encodeURIComponent(criteria)}`,
      );
      return status === 204 ? [] : body.data.map((record: any) => record.Account_Name);
    };
    expect(await names('(Account_Name:equals:Smith \\(UK\\)\\, Ltd)')).toEqual(['Smith (UK), Ltd']);
    expect(await names('(Account_Name:equals:jones,brown)')).toEqual(['Jones', 'Brown']);
    expect(await names('((Account_Name:starts_with:Sm)or(Account_Name:equals:Brown))')).toEqual([
      'Smith (UK), Ltd',
      'Brown',
    ]);
    expect(await names('(Account_Name:not_equal:Jones)')).toHaveLength(2);
  });
});
