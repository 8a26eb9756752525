import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsObject,
  IsOptional,
  IsString,
  JSONSchema,
  Matches,
} from '@flowhub/plugin-sdk/validators';
import { defineAction } from '@flowhub/plugin-sdk';
import { searchRecords, writeRecord } from '../client.js';

const MODULE = /^[A-Za-z][A-Za-z0-9_]*$/;
const MODULE_MESSAGE = 'module must be a Zoho CRM module API name, e.g. Deals or Contacts';

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

export class ZohoCrmSearchRecordsInput {
  @Matches(MODULE, { message: MODULE_MESSAGE })
  @JSONSchema({ description: 'A Zoho CRM module API name.', examples: ['Contacts'] })
  module: string;

  @IsOptional()
  @IsEmail()
  @JSONSchema({
    description: 'Search by email (give one of email, criteria or word).',
    examples: ['ada@example.com'],
  })
  email?: string;

  @IsOptional()
  @IsString()
  @JSONSchema({
    description: 'A Zoho search criteria expression.',
    examples: ['(Last_Name:equals:Lovelace)'],
  })
  criteria?: string;

  @IsOptional()
  @IsString()
  @JSONSchema({ description: 'Search every text field for this word.', examples: ['Lovelace'] })
  word?: string;
}

export const createRecord = defineAction<ZohoCrmCreateRecordInput, { id: string }>({
  displayName: 'Create record',
  description: 'Inserts a record in any module. Not retry-safe by itself: prefer upsertRecord.',
  input: ZohoCrmCreateRecordInput,
  sideEffects: true,
  run: async (ctx) => ({ id: (await writeRecord(ctx, ctx.input.module, ctx.input.fields)).id }),
});

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

export const searchRecordsAction = defineAction<
  ZohoCrmSearchRecordsInput,
  { records: Record<string, unknown>[]; count: number }
>({
  displayName: 'Search records',
  description:
    'Finds records by email, criteria (e.g. (Email:equals:a@b.c)) or word; none is an empty list.',
  input: ZohoCrmSearchRecordsInput,
  sideEffects: false,
  run: async (ctx) => {
    const { module, email, criteria, word } = ctx.input;
    const records = await searchRecords(ctx, module, { email, criteria, word });
    return { records, count: records.length };
  },
});
