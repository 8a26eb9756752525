import { IsEmail, JSONSchema } from '@flowhub/plugin-sdk/validators';
import { defineAction } from '@flowhub/plugin-sdk';
import { findContactByEmail, type InventoryContact } from '../client.js';

export class ZohoInventoryFindContactInput {
  @IsEmail()
  @JSONSchema({ description: "The customer's email.", examples: ['ada@example.com'] })
  email: string;
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
