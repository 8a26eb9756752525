import { IsEmail, IsOptional, IsString, JSONSchema, Matches } from '@flowhub/plugin-sdk/validators';
import { defineAction } from '@flowhub/plugin-sdk';
import { searchRecords as searchModule } from '../client.js';
import { MODULE, MODULE_MESSAGE } from '../module-name.js';

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

export const searchRecords = defineAction<
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
    const records = await searchModule(ctx, module, { email, criteria, word });
    return { records, count: records.length };
  },
});
