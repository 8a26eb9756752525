import { crmError } from './fake-zoho-crm-search.js';
import type { Reply } from './fake-zoho.js';

/** One entry of Zoho's fields metadata (the subset Flowhub reads, plus a few real keys). */
export interface FieldMeta {
  api_name: string;
  field_label: string;
  data_type: string;
  custom_field: boolean;
  id: string;
}

const field = (api_name: string, field_label: string, data_type: string, n: number): FieldMeta => ({
  api_name,
  field_label,
  data_type,
  custom_field: false,
  id: `5725767000000002${String(n).padStart(3, '0')}`,
});

const STANDARD_FIELDS: Record<string, FieldMeta[]> = {
  Deals: [
    field('Owner', 'Deal Owner', 'ownerlookup', 551),
    field('Deal_Name', 'Deal Name', 'text', 557),
    field('Amount', 'Amount', 'currency', 555),
    field('Stage', 'Stage', 'picklist', 563),
    field('Closing_Date', 'Closing Date', 'date', 561),
    field('Account_Name', 'Account Name', 'lookup', 559),
    field('Contact_Name', 'Contact Name', 'lookup', 565),
    field('Description', 'Description', 'textarea', 581),
  ],
  Contacts: [
    field('Owner', 'Contact Owner', 'ownerlookup', 501),
    field('First_Name', 'First Name', 'text', 503),
    field('Last_Name', 'Last Name', 'text', 505),
    field('Email', 'Email', 'email', 507),
    field('Account_Name', 'Account Name', 'lookup', 509),
  ],
};

/** The custom single-line Deal field createDeal writes its idempotency key to. */
export const FLOWHUB_KEY_FIELD: FieldMeta = {
  api_name: 'Flowhub_Key',
  field_label: 'Flowhub Key',
  data_type: 'text',
  custom_field: true,
  id: '5725767000000901001',
};

/**
 * `GET /crm/v8/settings/fields?module={Module}`: `{"fields":[...]}`. `module` is mandatory;
 * Deals has the custom `Flowhub_Key` field unless `withFlowhubKey` is false.
 */
export function fieldsMetadata(
  query: Record<string, string>,
  modules: (module: string) => boolean,
  withFlowhubKey: boolean,
): Reply {
  const module = query.module;
  if (!module) {
    return {
      status: 400,
      body: crmError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', {
        param: 'module',
      }),
    };
  }
  if (!modules(module)) {
    return {
      status: 400,
      body: crmError('INVALID_MODULE', 'the module name given seems to be invalid', {
        param: 'module',
      }),
    };
  }
  const fields = [...(STANDARD_FIELDS[module] ?? [])];
  if (module === 'Deals' && withFlowhubKey) fields.push(FLOWHUB_KEY_FIELD);
  return { status: 200, body: { fields } };
}
