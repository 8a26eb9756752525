import { startFakeZoho, type FakeZoho } from './fake-zoho.js';
import { call, refreshForm, requestToken } from './fake-zoho-client.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('fake Zoho', () => {
  let zoho: FakeZoho;
  let token: string;
  const api = (method: string, path: string, body?: unknown) =>
    call(zoho, method, path, body, token);

  beforeEach(async () => {
    zoho = await startFakeZoho();
    token = (await requestToken(zoho)).body.access_token;
  });
  afterEach(() => zoho.close());

  describe('OAuth', () => {
    it('issues an access token for the refresh grant, from a form or query parameters', async () => {
      expect(zoho.accountsUrl).toBe(zoho.url);
      expect(zoho.apiDomain).toBe(zoho.url);
      const { status, body } = await requestToken(zoho);
      expect(status).toBe(200);
      expect(body).toEqual({
        access_token: expect.any(String),
        expires_in: 3600,
        api_domain: zoho.url,
        token_type: 'Bearer',
      });
      const viaQuery = await fetch(`${zoho.url}/oauth/v2/token?${refreshForm(zoho)}`, {
        method: 'POST',
      });
      const third = ((await viaQuery.json()) as any).access_token;
      expect(zoho.oauth.tokenRequests).toBe(3);
      expect(zoho.oauth.issued).toEqual([token, body.access_token, third]);
    });

    it('answers bad clients and bad refresh tokens with HTTP 200 and an error, as Zoho does', async () => {
      expect(await requestToken(zoho, { client_secret: 'wrong' })).toEqual({
        status: 200,
        body: { error: 'invalid_client' },
      });
      expect(await requestToken(zoho, { refresh_token: '1000.bad' })).toEqual({
        status: 200,
        body: { error: 'invalid_code' },
      });
      expect(zoho.oauth.issued).toHaveLength(1);
    });

    it('refuses tokens beyond the rate limit within 10 minutes', async () => {
      const limited = await startFakeZoho({ rateLimitTokens: 2 });
      try {
        expect((await requestToken(limited)).status).toBe(200);
        expect((await requestToken(limited)).status).toBe(200);
        expect(await requestToken(limited)).toEqual({
          status: 400,
          body: {
            error: 'Access Denied',
            error_description:
              'You have made too many requests continuously. Please try again after some time.',
          },
        });
        expect(limited.oauth.tokenRequests).toBe(3);
        expect(limited.oauth.issued).toHaveLength(2);
      } finally {
        await limited.close();
      }
    });
  });

  describe('access tokens', () => {
    const INVALID_TOKEN = {
      code: 'INVALID_TOKEN',
      details: {},
      message: 'invalid oauth token',
      status: 'error',
    };

    it('answers 401 INVALID_TOKEN without a token, with another scheme or an unknown token', async () => {
      const variants: Record<string, string>[] = [
        {},
        { authorization: `Bearer ${token}` },
        { authorization: 'Zoho-oauthtoken nope' },
      ];
      for (const headers of variants) {
        const response = await fetch(`${zoho.url}/crm/v8/Contacts/search?email=a@b.c`, { headers });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual(INVALID_TOKEN);
      }
      const inventory = await call(
        zoho,
        'GET',
        `/inventory/v1/items?organization_id=${zoho.inventory.organizationId}`,
      );
      expect(inventory).toMatchObject({ status: 401, body: INVALID_TOKEN });
    });

    it('rejects expired tokens: expire(token), expire() for all, or the lifetime running out', async () => {
      const second = (await requestToken(zoho)).body.access_token;
      zoho.oauth.expire(token);
      expect((await api('GET', '/crm/v8/Contacts/1')).status).toBe(401);
      expect((await call(zoho, 'GET', '/crm/v8/Contacts/1', undefined, second)).status).toBe(204);
      zoho.oauth.expire();
      expect((await call(zoho, 'GET', '/crm/v8/Contacts/1', undefined, second)).status).toBe(401);
      zoho.oauth.tokenLifetimeSeconds = 0;
      const stillborn = await requestToken(zoho);
      expect(stillborn.body.expires_in).toBe(0);
      expect(
        (await call(zoho, 'GET', '/crm/v8/Contacts/1', undefined, stillborn.body.access_token))
          .status,
      ).toBe(401);
    });
  });

  describe('Inventory v1', () => {
    const org = () => `organization_id=${zoho.inventory.organizationId}`;
    const seed = () => {
      zoho.inventory.contacts.push({
        contact_id: '4815000000000001',
        contact_name: 'Client',
        email: 'client@example.com',
      });
      zoho.inventory.items.push(
        { item_id: '4815000000000101', sku: 'SKU-1', name: 'Widget', rate: 12.5 },
        { item_id: '4815000000000102', sku: 'SKU-2', name: 'Gadget', rate: 3 },
      );
    };

    it('requires organization_id on every call', async () => {
      const missing = await api('GET', '/inventory/v1/items?sku=SKU-1');
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ code: 6041, message: expect.any(String) });
      expect((await api('GET', '/inventory/v1/items?organization_id=1')).body.code).toBe(6041);
      const orgs = await api('GET', '/inventory/v1/organizations');
      expect(orgs.body.organizations[0].organization_id).toBe(zoho.inventory.organizationId);
    });

    it('finds contacts by email and items by SKU in the code envelope', async () => {
      seed();
      const contacts = await api(
        'GET',
        `/inventory/v1/contacts?${org()}&email=client%40example.com`,
      );
      expect(contacts.status).toBe(200);
      expect(contacts.body).toMatchObject({
        code: 0,
        message: 'success',
        contacts: [{ contact_id: '4815000000000001', email: 'client@example.com' }],
      });
      const items = await api('GET', `/inventory/v1/items?${org()}&sku=SKU-2`);
      expect(items.body).toMatchObject({
        code: 0,
        items: [{ item_id: '4815000000000102', rate: 3 }],
      });
      expect((await api('GET', `/inventory/v1/items?${org()}&sku=NOPE`)).body.items).toEqual([]);
    });

    it('creates sales orders with incrementing numbers, item rates and totals; finds them by reference', async () => {
      seed();
      const order = (reference: string) => ({
        customer_id: '4815000000000001',
        reference_number: reference,
        date: '2026-01-31',
        line_items: [
          { item_id: '4815000000000101', quantity: 2 },
          { item_id: '4815000000000102', quantity: 1, rate: 4 },
        ],
      });
      const first = await api('POST', `/inventory/v1/salesorders?${org()}`, order('WC-1'));
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        code: 0,
        message: 'Sales Order has been created.',
        salesorder: {
          salesorder_id: expect.any(String),
          salesorder_number: 'SO-00001',
          status: 'draft',
          customer_id: '4815000000000001',
          reference_number: 'WC-1',
          line_items: [
            { item_id: '4815000000000101', rate: 12.5, quantity: 2, item_total: 25 },
            { item_id: '4815000000000102', rate: 4, quantity: 1, item_total: 4 },
          ],
          total: 29,
        },
      });
      const second = await api('POST', `/inventory/v1/salesorders?${org()}`, order('WC-2'));
      expect(second.body.salesorder.salesorder_number).toBe('SO-00002');
      const found = await api('GET', `/inventory/v1/salesorders?${org()}&reference_number=WC-2`);
      expect(found.body).toMatchObject({
        code: 0,
        salesorders: [
          { salesorder_id: second.body.salesorder.salesorder_id, salesorder_number: 'SO-00002' },
        ],
      });
      expect(zoho.inventory.salesorders).toHaveLength(2);
    });

    it('refuses a missing customer (1002), an unknown item and a zero quantity', async () => {
      seed();
      const post = (body: unknown) => api('POST', `/inventory/v1/salesorders?${org()}`, body);
      const line = { item_id: '4815000000000101', quantity: 1 };
      expect(await post({ customer_id: '1', line_items: [line] })).toMatchObject({
        status: 400,
        body: { code: 1002, message: 'Customer does not exist.' },
      });
      const unknownItem = await post({
        customer_id: '4815000000000001',
        line_items: [{ item_id: '9', quantity: 1 }],
      });
      expect(unknownItem).toMatchObject({ status: 400, body: { code: 1002 } });
      const zero = await post({
        customer_id: '4815000000000001',
        line_items: [{ ...line, quantity: 0 }],
      });
      expect(zero.status).toBe(400);
      expect(zero.body.code).not.toBe(0);
      expect(zoho.inventory.salesorders).toHaveLength(0);
    });

    it('takes the number from the body with ignore_auto_number_generation, once', async () => {
      seed();
      const url = `/inventory/v1/salesorders?${org()}&ignore_auto_number_generation=true`;
      const body = {
        customer_id: '4815000000000001',
        line_items: [{ item_id: '4815000000000101', quantity: 1 }],
      };
      expect((await api('POST', url, body)).body.code).not.toBe(0);
      const created = await api('POST', url, { ...body, salesorder_number: 'WEB-7' });
      expect(created.body.salesorder.salesorder_number).toBe('WEB-7');
      const again = await api('POST', url, { ...body, salesorder_number: 'WEB-7' });
      expect(again.status).toBe(400);
      expect(again.body.code).not.toBe(0);
    });

    it('failNext answers the next Inventory call once, then normal again', async () => {
      zoho.inventory.failNext(429);
      const limited = await api('GET', `/inventory/v1/contacts?${org()}`);
      expect(limited.status).toBe(429);
      expect(limited.body.code).not.toBe(0);
      expect(await api('GET', `/inventory/v1/contacts?${org()}`)).toMatchObject({
        status: 200,
        body: { code: 0 },
      });
      expect(zoho.inventory.requests.map((request) => request.query)).toEqual([
        { organization_id: zoho.inventory.organizationId },
        { organization_id: zoho.inventory.organizationId },
      ]);
    });
  });
});
