import { fieldsMetadata } from './fake-zoho-crm-fields.js';
import { crmError, pageOf, searchRecords } from './fake-zoho-crm-search.js';
import { INVALID_TOKEN_BODY } from './fake-zoho-oauth.js';
import type { RecordedRequest, Reply } from './fake-zoho.js';

export type CrmRecord = Record<string, unknown> & { id: string };

export interface FakeZohoCrm {
  /** Stored records by module API name (`Deals`, `Contacts`, ...); mutable for seeding. */
  records: Record<string, CrmRecord[]>;
  /** Every /crm/v8 call, refused ones included. */
  requests: RecordedRequest[];
  /** The next CRM call answers this (queued: call twice to fail two calls), then normal again. */
  failNext(status: number, body?: unknown): void;
  /** Stores a record without validation (seeding) and returns its id. */
  addRecord(module: string, fields: Record<string, unknown>): string;
  /** Whether Deals has the custom `Flowhub_Key` field (settings/fields); default true. */
  flowhubKeyField: boolean;
}

type Entry = Record<string, unknown> & { status: 'success' | 'error' };
type Mode = 'insert' | 'upsert' | 'update';

const STANDARD_MODULES = (
  'Leads Contacts Accounts Deals Tasks Events Calls Notes Products Quotes Sales_Orders ' +
  'Purchase_Orders Invoices Vendors Campaigns Cases Solutions Price_Books'
).split(' ');
const MANDATORY: Record<string, string[]> = {
  Deals: ['Deal_Name', 'Stage'],
  Contacts: ['Last_Name'],
  Leads: ['Last_Name'],
  Accounts: ['Account_Name'],
};
/** Lookup fields per module and the module they point at (`Account_Name` is text on Accounts). */
const LOOKUPS: Record<string, Record<string, string>> = {
  Deals: { Contact_Name: 'Contacts', Account_Name: 'Accounts' },
  Contacts: { Account_Name: 'Accounts' },
};
const UNIQUE: Record<string, string[]> = { Contacts: ['Email'] };
const DEFAULT_DUPLICATE_CHECK: Record<string, string[]> = {
  Leads: ['Email'],
  Contacts: ['Email'],
  Accounts: ['Account_Name'],
  Deals: ['Deal_Name'],
  Products: ['Product_Name'],
};
/** Multi-line fields hold up to 32,000 characters; single-line text holds 255. */
const LONG_TEXT = new Set(['Description']);
const DATE_FIELDS = new Set(['Closing_Date', 'Date_of_Birth', 'Due_Date']);
const SYSTEM_FIELDS = ['id', 'Created_Time', 'Modified_Time', 'Created_By', 'Modified_By'];
const USER = { name: 'Fake Zoho User', id: '5725767000000411001', email: 'crm-user@fake.zoho' };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const blank = (value: unknown) => value === undefined || value === null || value === '';
const same = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
/** Zoho's timestamp format: ISO 8601 to the second with an offset. */
const NOT_FOUND = crmError(
  'INVALID_URL_PATTERN',
  'Please check if the URL trying to access is a correct one',
);
const zohoTime = () => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');

function defaultFailure(status: number): unknown {
  if (status === 401) return INVALID_TOKEN_BODY;
  if (status === 403) return crmError('NO_PERMISSION', 'permission denied');
  if (status === 429) return crmError('TOO_MANY_REQUESTS', 'too many requests');
  return crmError('INTERNAL_ERROR', 'Internal Server Error');
}

export function createFakeCrm() {
  const failures: Reply[] = [];
  let lastId = 524157;
  const state: FakeZohoCrm = {
    records: {},
    requests: [],
    failNext(status: number, body?: unknown) {
      failures.push({ status, body: body ?? defaultFailure(status) });
    },
    addRecord: (module, fields) => store(module, fields, zohoTime()).id,
    flowhubKeyField: true,
  };
  const list = (module: string) => (state.records[module] ??= []);

  function store(module: string, fields: Record<string, unknown>, now: string): CrmRecord {
    lastId += 1;
    const record: CrmRecord = {
      Owner: USER,
      ...fields,
      id: `5725767000000${String(lastId).padStart(6, '0')}`,
      Created_Time: now,
      Modified_Time: now,
      Created_By: USER,
      Modified_By: USER,
    };
    list(module).push(record);
    return record;
  }

  /** The first problem with one record, as Zoho reports it, or undefined. */
  function validate(
    module: string,
    fields: Record<string, unknown>,
    index: number,
    target?: CrmRecord,
  ): Entry | undefined {
    const at = (field: string) => `$.data[${index}].${field}`;
    for (const field of MANDATORY[module] ?? []) {
      if ((!target || field in fields) && blank(fields[field])) {
        return crmError('MANDATORY_NOT_FOUND', 'required field not found', {
          api_name: field,
          json_path: at(field),
        });
      }
    }
    for (const [field, value] of Object.entries(fields)) {
      const details = { api_name: field, json_path: at(field) };
      const lookupModule = LOOKUPS[module]?.[field];
      const maximum = LONG_TEXT.has(field) ? 32000 : 255;
      if (lookupModule && value !== null) {
        const id = isObject(value) ? value.id : undefined;
        if (typeof id !== 'string' && typeof id !== 'number') {
          return crmError('INVALID_DATA', 'invalid data', {
            expected_data_type: 'lookup',
            ...details,
          });
        }
        if (!list(lookupModule).some((record) => record.id === String(id))) {
          return crmError('INVALID_DATA', 'the id given seems to be invalid', {
            api_name: field,
            json_path: `${at(field)}.id`,
          });
        }
      } else if (typeof value === 'string' && value.length > maximum) {
        return crmError('INVALID_DATA', 'invalid data', { maximum_length: maximum, ...details });
      } else if (
        DATE_FIELDS.has(field) &&
        value !== null &&
        !(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
      ) {
        return crmError('INVALID_DATA', 'invalid data', { expected_data_type: 'date', ...details });
      }
    }
    for (const field of UNIQUE[module] ?? []) {
      const value = fields[field];
      const hit = blank(value)
        ? undefined
        : list(module).find((record) => record !== target && same(record[field], value));
      if (hit) {
        return crmError('DUPLICATE_DATA', 'duplicate data', {
          api_name: field,
          json_path: at(field),
          duplicate_record: { id: hit.id, module: { api_name: module } },
        });
      }
    }
    return undefined;
  }

  function writeOne(
    module: string,
    raw: unknown,
    index: number,
    mode: Mode,
    checkFields: string[],
    pathId?: string,
  ): Entry {
    if (!isObject(raw)) {
      return crmError('INVALID_DATA', 'invalid data', {
        expected_data_type: 'jsonobject',
        json_path: `$.data[${index}]`,
      });
    }
    const fields = Object.fromEntries(
      Object.entries(raw).filter(([field]) => !SYSTEM_FIELDS.includes(field)),
    );
    let target: CrmRecord | undefined;
    let duplicateField: string | null = null;
    if (mode === 'update') {
      const id = pathId ?? raw.id;
      const details = { api_name: 'id', json_path: `$.data[${index}].id` };
      if (blank(id)) return crmError('MANDATORY_NOT_FOUND', 'required field not found', details);
      target = list(module).find((record) => record.id === String(id));
      if (!target) return crmError('INVALID_DATA', 'the id given seems to be invalid', details);
    } else if (mode === 'upsert') {
      for (const field of checkFields) {
        if (blank(fields[field])) continue;
        target = list(module).find((record) => same(record[field], fields[field]));
        if (target) {
          duplicateField = field;
          break;
        }
      }
    }
    const problem = validate(module, fields, index, target);
    if (problem) return problem;
    const now = zohoTime();
    const upsert = (action: string) =>
      mode === 'upsert' ? { duplicate_field: duplicateField, action } : {};
    const record = target
      ? Object.assign(target, fields, { Modified_Time: now, Modified_By: USER })
      : store(module, fields, now);
    return {
      code: 'SUCCESS',
      ...upsert(target ? 'update' : 'insert'),
      details: {
        Modified_Time: record.Modified_Time,
        Modified_By: record.Modified_By,
        Created_Time: record.Created_Time,
        id: record.id,
        Created_By: record.Created_By,
      },
      message: target ? 'record updated' : 'record added',
      status: 'success',
    };
  }

  function write(module: string, body: unknown, mode: Mode, pathId?: string): Reply {
    if (!isObject(body)) return { status: 400, body: crmError('INVALID_DATA', 'invalid data') };
    const { data, duplicate_check_fields: checkFields } = body;
    if (!Array.isArray(data) || data.length === 0) {
      const details = { api_name: 'data', json_path: '$.data' };
      return {
        status: 400,
        body: crmError('MANDATORY_NOT_FOUND', 'required field not found', details),
      };
    }
    if (data.length > 100) {
      const details = { api_name: 'data', json_path: '$.data', limit: 100 };
      return { status: 400, body: crmError('LIMIT_EXCEEDED', 'limit exceeded', details) };
    }
    if (
      checkFields !== undefined &&
      (!Array.isArray(checkFields) || checkFields.some((field) => typeof field !== 'string'))
    ) {
      const details = { api_name: 'duplicate_check_fields', json_path: '$.duplicate_check_fields' };
      return { status: 400, body: crmError('INVALID_DATA', 'invalid data', details) };
    }
    const check = (checkFields as string[] | undefined) ?? DEFAULT_DUPLICATE_CHECK[module] ?? [];
    const entries = data.map((raw, index) => writeOne(module, raw, index, mode, check, pathId));
    const succeeded = entries.filter((entry) => entry.status === 'success');
    const status =
      succeeded.length === 0
        ? 400
        : succeeded.length < entries.length
          ? 207
          : succeeded.some((entry) => entry.message === 'record added')
            ? 201
            : 200;
    return { status, body: { data: entries } };
  }

  function handle(request: RecordedRequest): Reply {
    const [module, sub, ...extra] = request.path.split('/').filter(Boolean).slice(2);
    if (module === 'settings' && sub === 'fields' && extra.length === 0) {
      if (request.method !== 'GET') {
        const body = crmError(
          'INVALID_REQUEST_METHOD',
          'The http request method type is not a valid one',
        );
        return { status: 400, body };
      }
      const known = (name: string) => STANDARD_MODULES.includes(name) || name in state.records;
      return fieldsMetadata(request.query, known, state.flowhubKeyField);
    }
    if (!module || extra.length > 0) return { status: 404, body: NOT_FOUND };
    if (!STANDARD_MODULES.includes(module) && !(module in state.records)) {
      const details = { resource_path_index: 0 };
      return {
        status: 400,
        body: crmError('INVALID_MODULE', 'the relevant modules could not be found.', details),
      };
    }
    const id = sub !== undefined && /^\d+$/.test(sub) ? sub : undefined;
    const route = `${request.method} ${id ? ':id' : (sub ?? '')}`;
    switch (route) {
      case 'POST ':
        return write(module, request.body, 'insert');
      case 'POST upsert':
        return write(module, request.body, 'upsert');
      case 'PUT ':
        return write(module, request.body, 'update');
      case 'PUT :id':
        return write(module, request.body, 'update', id);
      case 'GET search':
        return searchRecords(list(module), request.query);
      case 'GET :id': {
        const record = list(module).find((candidate) => candidate.id === id);
        return record ? { status: 200, body: { data: [record] } } : { status: 204 };
      }
      case 'GET ':
        if (!request.query.fields) {
          const details = { param: 'fields' };
          return {
            status: 400,
            body: crmError(
              'REQUIRED_PARAM_MISSING',
              'One of the expected parameter is missing',
              details,
            ),
          };
        }
        return pageOf(list(module), request.query);
      default:
        if (sub !== undefined && !id && !['upsert', 'search'].includes(sub)) {
          return { status: 404, body: NOT_FOUND };
        }
        return {
          status: 400,
          body: crmError(
            'INVALID_REQUEST_METHOD',
            'The http request method type is not a valid one',
          ),
        };
    }
  }

  return { state, takeFailure: () => failures.shift(), handle };
}
