import { IsEmail, IsNotEmpty, IsString, JSONSchema } from '@flowhub/plugin-sdk/validators';
import { defineAction } from '@flowhub/plugin-sdk';
import {
  findContactByEmail,
  findItemBySku,
  type InventoryContact,
  type InventoryItem,
} from '../client.js';

export class ZohoInventoryFindContactInput {
  @IsEmail()
  @JSONSchema({ description: "The customer's email.", examples: ['ada@example.com'] })
  email: string;
}

export class ZohoInventoryFindItemInput {
  @IsString()
  @IsNotEmpty()
  @JSONSchema({ description: 'The item SKU.', examples: ['TSHIRT-M'] })
  sku: string;
}

export const findContact = defineAction<
  ZohoInventoryFindContactInput,
  { contact: InventoryContact | null }
>({
  displayName: 'Find contact',
  description: 'Finds a customer by email; contact is null when there is none.',
  input: ZohoInventoryFindContactInput,
  sideEffects: false,
  run: async (ctx) => ({ contact: (await findContactByEmail(ctx, ctx.input.email)) ?? null }),
});

export const findItem = defineAction<ZohoInventoryFindItemInput, { item: InventoryItem | null }>({
  displayName: 'Find item',
  description: 'Finds an item by SKU; item is null when there is none.',
  input: ZohoInventoryFindItemInput,
  sideEffects: false,
  run: async (ctx) => ({ item: (await findItemBySku(ctx, ctx.input.sku)) ?? null }),
});
