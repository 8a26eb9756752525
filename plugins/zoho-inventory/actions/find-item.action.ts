import { IsNotEmpty, IsString, JSONSchema } from '@flowhub/plugin-sdk/validators';
import { defineAction } from '@flowhub/plugin-sdk';
import { findItemBySku, type InventoryItem } from '../client.js';

export class ZohoInventoryFindItemInput {
  @IsString()
  @IsNotEmpty()
  @JSONSchema({ description: 'The item SKU.', examples: ['TSHIRT-M'] })
  sku: string;
}

export const findItem = defineAction<ZohoInventoryFindItemInput, { item: InventoryItem | null }>({
  displayName: 'Find item',
  description: 'Finds an item by SKU; item is null when there is none.',
  input: ZohoInventoryFindItemInput,
  sideEffects: false,
  run: async (ctx) => ({ item: (await findItemBySku(ctx, ctx.input.sku)) ?? null }),
});
