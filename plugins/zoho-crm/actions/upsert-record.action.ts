import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  JSONSchema,
} from '@flowhub/plugin-sdk/validators';
import { defineAction } from '@flowhub/plugin-sdk';
import { writeRecord } from '../client.js';
import { ZohoCrmCreateRecordInput } from './create-record.action.js';

export class ZohoCrmUpsertRecordInput extends ZohoCrmCreateRecordInput {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @JSONSchema({
    description:
      'One to three unique fields Zoho matches an existing record on (insert or update).',
    examples: [['Email']],
  })
  duplicateCheckFields: string[];
}

export const upsertRecord = defineAction<ZohoCrmUpsertRecordInput, { id: string; action: string }>({
  displayName: 'Upsert record',
  description:
    'Updates the record matching the duplicate-check fields, or inserts one: safe to retry.',
  input: ZohoCrmUpsertRecordInput,
  sideEffects: true,
  retry: { attempts: 5, backoff: 'exponential', delayMs: 2000 },
  run: async (ctx) =>
    writeRecord(ctx, ctx.input.module, ctx.input.fields, ctx.input.duplicateCheckFields),
});
