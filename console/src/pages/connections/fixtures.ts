import type { Connection, ConnectionField, Plugin } from './types';

const field = (name: string, extra: Partial<ConnectionField> = {}): ConnectionField => ({
  name,
  required: false,
  secret: false,
  endpoint: false,
  schema: { type: 'string' },
  ...extra,
});

/** Shaped as GET /plugins gives the zoho-crm and http connections. */
export const ZOHO_FIELDS: ConnectionField[] = [
  field('clientId', { required: true, schema: { type: 'string', minLength: 1 } }),
  field('clientSecret', { required: true, secret: true, schema: { type: 'string', minLength: 1 } }),
  field('refreshToken', { required: true, secret: true, schema: { type: 'string', minLength: 1 } }),
  field('dataCenter', { schema: { type: 'string', enum: ['us', 'eu'], default: 'us' } }),
  field('accountsUrl', {
    endpoint: true,
    hosts: ['zoho.com'],
    schema: { type: 'string', format: 'url' },
  }),
];

export const HTTP_FIELDS: ConnectionField[] = [
  field('baseUrl', { required: true, endpoint: true }),
  field('auth', { required: true, schema: { type: 'string', enum: ['bearer', 'basic'] } }),
  field('token', { secret: true, schema: { type: 'string', minLength: 8 } }),
  field('timeoutMs', { schema: { type: 'integer' } }),
  field('verbose', { schema: { type: 'boolean' } }),
];

const plugin = (name: string, displayName: string, fields: ConnectionField[], authorize: boolean) =>
  ({
    name,
    displayName,
    version: '1.0.0',
    description: null,
    actions: [],
    connection: {
      fields,
      testable: true,
      optional: false,
      authorization: authorize
        ? { startFields: ['clientId', 'clientSecret', 'dataCenter', 'accountsUrl'] }
        : null,
    },
  }) as Plugin;

export const ZOHO_CRM = plugin('zoho-crm', 'Zoho CRM', ZOHO_FIELDS, true);
export const ZOHO_INVENTORY = plugin('zoho-inventory', 'Zoho Inventory', ZOHO_FIELDS, true);
export const HTTP = plugin('http', 'HTTP', HTTP_FIELDS, false);

export const ERP: Connection = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'erp',
  plugin: 'http',
  fields: { baseUrl: 'https://erp.example.com/api', auth: 'bearer', timeoutMs: 5000 },
  secretsSet: ['token'],
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:00:00.000Z',
};
