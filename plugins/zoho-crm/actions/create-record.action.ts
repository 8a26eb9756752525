import { IsObject, JSONSchema, Matches } from '@flowhub/plugin-sdk/validators';
import { defineAction } from '@flowhub/plugin-sdk';
import { writeRecord } from '../client.js';
import { MODULE, MODULE_MESSAGE } from '../module-name.js';

export class ZohoCrmCreateRecordInput {
  @Matches(MODULE, { message: MODULE_MESSAGE })
  @JSONSchema({ description: 'A Zoho CRM module API name.', examples: ['Contacts'] })
  module: string;

  @IsObject()
  @JSONSchema({
    description: "The record's fields by API name.",
    examples: [{ Last_Name: 'Lovelace', Email: 'ada@example.com' }],
  })
  fields: Record<string, unknown>;
}

export const createRecord = defineAction<ZohoCrmCreateRecordInput, { id: string }>({
  displayName: 'Create record',
  description: 'Inserts a record in any module. Not retry-safe by itself: prefer upsertRecord.',
  input: ZohoCrmCreateRecordInput,
  sideEffects: true,
  run: async (ctx) => ({ id: (await writeRecord(ctx, ctx.input.module, ctx.input.fields)).id }),
});
