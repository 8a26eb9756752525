import { definePlugin } from '@flowhub/plugin-sdk';
import { zohoConnection } from '../zoho-shared/zoho.js';
import { checkFlowhubKeyField } from './connection-check.js';
import { createDeal } from './actions/create-deal.action.js';
import { createRecord } from './actions/create-record.action.js';
import { searchRecords } from './actions/search-records.action.js';
import { upsertRecord } from './actions/upsert-record.action.js';

export const zohoCrm = definePlugin({
  name: 'zoho-crm',
  version: '1.0.0',
  displayName: 'Zoho CRM',
  description:
    'Deals, contacts and any module of Zoho CRM (API v8), with OAuth2 refresh handled by Flowhub.',
  // The connection test also checks the Deals module has the Flowhub_Key field createDeal needs.
  connection: zohoConnection(undefined, {
    check: checkFlowhubKeyField,
    scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.fields.READ'],
  }),
  actions: { createDeal, createRecord, upsertRecord, searchRecords },
});
