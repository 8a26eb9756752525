import {
  IsBoolean,
  IsEmail,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  JSONSchema,
  Matches,
  MaxLength,
} from '@flowhub/plugin-sdk/validators';
import { defineAction, FatalError } from '@flowhub/plugin-sdk';
import { searchRecords, writeRecord, type CrmContext } from '../client.js';

export class ZohoCrmCreateDealInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @JSONSchema({
    description: "The Deal's name (Zoho field Deal_Name, up to 255 characters).",
    examples: ['Order #1001'],
  })
  Deal_Name: string;

  @IsString()
  @IsNotEmpty()
  @JSONSchema({
    description: 'The Deal stage, as named in your Zoho CRM pipeline.',
    examples: ['Qualification'],
  })
  Stage: string;

  @IsOptional()
  @IsNumber()
  @JSONSchema({ description: 'The Deal amount, in the organisation currency.', examples: [149.5] })
  Amount?: number;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Closing_Date must be YYYY-MM-DD' })
  @JSONSchema({ description: 'Expected closing date, YYYY-MM-DD.', examples: ['2026-12-31'] })
  Closing_Date?: string;

  @IsOptional()
  @IsString()
  @JSONSchema({
    description: 'The pipeline the stage belongs to (when you have more than one).',
    examples: ['Standard'],
  })
  Pipeline?: string;

  @IsOptional()
  @IsString()
  @JSONSchema({ description: 'Free text for the Deal description.' })
  Description?: string;

  /** Find the contact with this email and link it as Contact_Name. */
  @IsOptional()
  @IsEmail()
  @JSONSchema({
    description:
      'Finds the contact with this email (one search call) and links it as Contact_Name: no separate search step is needed.',
    examples: ['ada@example.com'],
  })
  contactEmail?: string;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({
    description:
      'With contactEmail: create the contact when none has that email (else the step fails).',
  })
  createContactIfMissing?: boolean;

  @IsOptional()
  @IsString()
  @JSONSchema({
    description:
      'Last name of a contact created by createContactIfMissing (default: the part of the email before @).',
    examples: ['Lovelace'],
  })
  contactLastName?: string;

  /**
   * A unique Deal field that makes a retried step update instead of creating a second deal.
   * Default `Flowhub_Key` (a custom single-line field, marked unique in Zoho), which receives
   * the step's idempotency key; name your own natural key (e.g. an order number field) instead.
   */
  @IsOptional()
  @IsString()
  @JSONSchema({
    description:
      "A unique Deal field that makes a retried step update instead of creating a second Deal. Default Flowhub_Key (receives the step's idempotency key).",
    examples: ['Flowhub_Key'],
  })
  duplicateCheckField?: string;

  /** Any further Zoho Deal fields, passed through. */
  @IsOptional()
  @IsObject()
  @JSONSchema({
    description: 'Any further Zoho Deal fields by API name, passed through as they are.',
    examples: [{ Lead_Source: 'Shopify' }],
  })
  fields?: Record<string, unknown>;
}

export const IDEMPOTENCY_FIELD = 'Flowhub_Key';

async function contactId(
  ctx: CrmContext,
  input: ZohoCrmCreateDealInput,
): Promise<string | undefined> {
  if (!input.contactEmail) return undefined;
  const [found] = await searchRecords(ctx, 'Contacts', { email: input.contactEmail });
  if (found?.id) return String(found.id);
  if (!input.createContactIfMissing) {
    throw new FatalError(
      `no contact with email ${input.contactEmail} in Zoho CRM (set createContactIfMissing to create one)`,
    );
  }
  const lastName = input.contactLastName ?? input.contactEmail.split('@')[0];
  const created = await writeRecord(
    ctx,
    'Contacts',
    { Email: input.contactEmail, Last_Name: lastName },
    ['Email'],
  );
  return created.id;
}

export const createDeal = defineAction<
  ZohoCrmCreateDealInput,
  { id: string; contactId: string | null; action: string }
>({
  displayName: 'Create deal',
  description: 'Creates (or, when retried, updates) a Deal, linked to the contact found by email.',
  input: ZohoCrmCreateDealInput,
  sideEffects: true,
  retry: { attempts: 5, backoff: 'exponential', delayMs: 2000 },
  // What a dry-run records (marked as a sample) so later steps can map $steps.<id>.id.
  sampleOutput: { id: '0000000000000000000', contactId: null, action: 'insert' },
  run: async (ctx) => {
    const { input } = ctx;
    const contact = await contactId(ctx, input);
    const checkField = input.duplicateCheckField ?? IDEMPOTENCY_FIELD;
    const record: Record<string, unknown> = {
      ...input.fields,
      Deal_Name: input.Deal_Name,
      Stage: input.Stage,
      ...(input.Amount !== undefined ? { Amount: input.Amount } : {}),
      ...(input.Closing_Date ? { Closing_Date: input.Closing_Date } : {}),
      ...(input.Pipeline ? { Pipeline: input.Pipeline } : {}),
      ...(input.Description ? { Description: input.Description } : {}),
      ...(contact ? { Contact_Name: { id: contact } } : {}),
      ...(checkField === IDEMPOTENCY_FIELD ? { [IDEMPOTENCY_FIELD]: ctx.idempotencyKey } : {}),
    };
    if (record[checkField] === undefined) {
      throw new FatalError(
        `duplicateCheckField '${checkField}' has no value in this deal: map it in fields`,
      );
    }
    const written = await writeRecord(ctx, 'Deals', record, [checkField]);
    return { id: written.id, contactId: contact ?? null, action: written.action };
  },
});
