import { randomInt } from 'node:crypto';
import { INVALID_TOKEN_BODY } from './fake-zoho-oauth.js';
import type { RecordedRequest, Reply } from './fake-zoho.js';

export type InventoryContact = { contact_id: string; contact_name: string; email: string } & Record<
  string,
  unknown
>;
export type InventoryItem = { item_id: string; sku: string; name: string; rate: number } & Record<
  string,
  unknown
>;
export type InventorySalesOrder = Record<string, unknown> & {
  salesorder_id: string;
  salesorder_number: string;
};

export interface FakeZohoInventory {
  /** The one organization; every call but GET /organizations must pass it as `organization_id`. */
  organizationId: string;
  /** Mutable for seeding. */
  contacts: InventoryContact[];
  items: InventoryItem[];
  salesorders: InventorySalesOrder[];
  /** Every /inventory/v1 call, refused ones included. */
  requests: RecordedRequest[];
  /** The next Inventory call answers this (queued), then normal again. */
  failNext(status: number, body?: unknown): void;
}

const fail = (status: number, code: number, message: string): Reply => ({
  status,
  body: { code, message },
});
const invalid = (field: string) => fail(400, 4, `Invalid value passed for ${field}`);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const round2 = (value: number) => Math.round(value * 100) / 100;

function defaultFailure(status: number): unknown {
  if (status === 401) return INVALID_TOKEN_BODY;
  if (status === 429) return { code: 45, message: 'Request Limit Exceeded' };
  return { code: 1000, message: 'Internal error' };
}

/**
 * Filters a list the way Inventory's list APIs do: `field` (exact, case-insensitive),
 * `field_contains`, `field_startswith`, and `search_text` across the fields.
 */
function filter<T extends Record<string, unknown>>(
  rows: T[],
  query: Record<string, string>,
  fields: string[],
): T[] {
  const search = query.search_text?.toLowerCase();
  return rows.filter((row) => {
    const held = (field: string) => text(row[field]).toLowerCase();
    const each = fields.every((field) => {
      const [exact, contains, starts] = ['', '_contains', '_startswith'].map((suffix) =>
        query[`${field}${suffix}`]?.toLowerCase(),
      );
      return (
        (exact === undefined || held(field) === exact) &&
        (contains === undefined || held(field).includes(contains)) &&
        (starts === undefined || held(field).startsWith(starts))
      );
    });
    return each && (search === undefined || fields.some((field) => held(field).includes(search)));
  });
}

function page(key: string, rows: unknown[], query: Record<string, string>): Reply {
  const perPage = Math.min(Math.max(Number(query.per_page) || 200, 1), 200);
  const current = Math.max(Number(query.page) || 1, 1);
  return {
    status: 200,
    body: {
      code: 0,
      message: 'success',
      [key]: rows.slice((current - 1) * perPage, current * perPage),
      page_context: {
        page: current,
        per_page: perPage,
        has_more_page: rows.length > current * perPage,
      },
    },
  };
}

export function createFakeInventory() {
  const failures: Reply[] = [];
  let lastId = 44000;
  let lastNumber = 0;
  const nextId = () => `4815000000${String(++lastId).padStart(6, '0')}`;
  const state: FakeZohoInventory = {
    organizationId: String(randomInt(700_000_000, 800_000_000)),
    contacts: [],
    items: [],
    salesorders: [],
    requests: [],
    failNext(status: number, body?: unknown) {
      failures.push({ status, body: body ?? defaultFailure(status) });
    },
  };

  function createSalesOrder(request: RecordedRequest): Reply {
    let body = request.body;
    if (isObject(body) && typeof body.JSONString === 'string') {
      try {
        body = JSON.parse(body.JSONString);
      } catch {
        return invalid('JSONString');
      }
    }
    if (!isObject(body)) return invalid('JSONString');
    const manualNumber = request.query.ignore_auto_number_generation === 'true';
    if (manualNumber && text(body.salesorder_number) === '') return invalid('salesorder_number');
    const customer = state.contacts.find(
      (contact) => contact.contact_id === text(body.customer_id),
    );
    if (!customer) return fail(400, 1002, 'Customer does not exist.');
    if (!Array.isArray(body.line_items) || body.line_items.length === 0) {
      return invalid('line_items');
    }
    const lineItems: Record<string, unknown>[] = [];
    for (const line of body.line_items as unknown[]) {
      if (!isObject(line)) return invalid('line_items');
      const item = state.items.find((candidate) => candidate.item_id === text(line.item_id));
      if (!item) return fail(400, 1002, 'Item does not exist.');
      const quantity = Number(line.quantity);
      if (!(quantity > 0)) return invalid('quantity');
      const rate = line.rate === undefined || line.rate === null ? item.rate : Number(line.rate);
      if (!Number.isFinite(rate) || rate < 0) return invalid('rate');
      lineItems.push({
        line_item_id: nextId(),
        item_id: item.item_id,
        name: text(line.name) || item.name,
        sku: item.sku,
        description: text(line.description),
        rate,
        quantity,
        unit: text(line.unit),
        item_total: round2(rate * quantity),
      });
    }
    const taken = (number: string) => state.salesorders.some((o) => o.salesorder_number === number);
    let number = text(body.salesorder_number);
    if (manualNumber && taken(number)) {
      return fail(400, 1001, `Sales Order ${number} already exists.`);
    }
    if (!manualNumber) {
      do number = `SO-${String(++lastNumber).padStart(5, '0')}`;
      while (taken(number));
    }
    const total = round2(lineItems.reduce((sum, line) => sum + (line.item_total as number), 0));
    const salesorder: InventorySalesOrder = {
      ...body,
      salesorder_id: nextId(),
      salesorder_number: number,
      date: text(body.date) || new Date().toISOString().slice(0, 10),
      status: 'draft',
      customer_id: customer.contact_id,
      customer_name: customer.contact_name,
      reference_number: text(body.reference_number),
      line_items: lineItems,
      sub_total: total,
      total,
      currency_code: 'USD',
      created_time: new Date().toISOString().replace(/\.\d{3}Z$/, '+0000'),
    };
    state.salesorders.push(salesorder);
    return {
      status: 201,
      body: { code: 0, message: 'Sales Order has been created.', salesorder },
    };
  }

  function handle(request: RecordedRequest): Reply {
    const { method, query } = request;
    const [resource, id, ...extra] = request.path.split('/').filter(Boolean).slice(2);
    if (resource === 'organizations' && method === 'GET' && !id) {
      const organizations = [
        {
          organization_id: state.organizationId,
          name: 'Fake Zoho Inventory',
          is_default_org: true,
        },
      ];
      return { status: 200, body: { code: 0, message: 'success', organizations } };
    }
    if (!query.organization_id || query.organization_id !== state.organizationId) {
      const message = `This user is not associated with the CompanyID/CompanyName:${query.organization_id ?? ''}.`;
      return fail(400, 6041, message);
    }
    const byId = <T extends Record<string, unknown>>(rows: T[], key: string, name: string) => {
      const row = rows.find((candidate) => candidate[`${key}_id`] === id);
      return row
        ? { status: 200, body: { code: 0, message: 'success', [key]: row } }
        : fail(404, 1002, `${name} does not exist.`);
    };
    switch (extra.length > 0 ? '' : `${method} ${resource}${id ? '/:id' : ''}`) {
      case 'GET contacts':
        return page('contacts', filter(state.contacts, query, ['contact_name', 'email']), query);
      case 'GET contacts/:id':
        return byId(state.contacts, 'contact', 'Contact');
      case 'GET items':
        return page('items', filter(state.items, query, ['sku', 'name']), query);
      case 'GET items/:id':
        return byId(state.items, 'item', 'Item');
      case 'GET salesorders': {
        const fields = ['reference_number', 'salesorder_number', 'customer_id', 'status'];
        const summaries = filter(state.salesorders, query, fields).map(
          ({ line_items: _lines, ...summary }) => summary,
        );
        return page('salesorders', summaries, query);
      }
      case 'GET salesorders/:id':
        return byId(state.salesorders, 'salesorder', 'Sales Order');
      case 'POST salesorders':
        return createSalesOrder(request);
      default:
        return ['contacts', 'items', 'salesorders'].includes(resource ?? '') && extra.length === 0
          ? fail(405, 37, `The HTTP method ${method} is not allowed for the requested resource`)
          : fail(404, 5, 'Invalid URL Passed');
    }
  }

  return { state, takeFailure: () => failures.shift(), handle };
}
