import { IsString, MinLength } from '@flowhub/plugin-sdk/validators';
import { definePlugin } from '@flowhub/plugin-sdk';
import { zohoConnection, ZohoConnectionFields } from '../zoho-shared/zoho.js';
import { createSalesOrder } from './actions/create-sales-order.action.js';
import { findContact } from './actions/find-contact.action.js';
import { findItem } from './actions/find-item.action.js';

/** Zoho's OAuth fields plus the Inventory organization every call names. */
export class ZohoInventoryConnection extends ZohoConnectionFields {
  @IsString()
  @MinLength(1)
  organizationId: string;
}

export const zohoInventory = definePlugin({
  name: 'zoho-inventory',
  version: '1.0.0',
  displayName: 'Zoho Inventory',
  description:
    'Sales orders, customers and items of Zoho Inventory (API v1), with OAuth2 refresh handled by Flowhub.',
  connection: zohoConnection(ZohoInventoryConnection, { scopes: ['ZohoInventory.fullaccess.all'] }),
  actions: { createSalesOrder, findContact, findItem },
});
