import {
  IsBoolean,
  IsEmail,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { defineAction, FatalError } from '../../../src/plugin-sdk/index.js';
import { searchRecords, writeRecord, type CrmContext } from '../client.js';

export class ZohoCrmCreateDealInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  Deal_Name: string;

  @IsString()
  @IsNotEmpty()
  Stage: string;

  @IsOptional()
  @IsNumber()
  Amount?: number;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Closing_Date must be YYYY-MM-DD' })
  Closing_Date?: string;

  @IsOptional()
  @IsString()
  Pipeline?: string;

  @IsOptional()
  @IsString()
  Description?: string;

  /** Find the contact with this email and link it as Contact_Name. */
  @IsOptional()
  @IsEmail()
  contactEmail?: string;

  @IsOptional()
  @IsBoolean()
  createContactIfMissing?: boolean;

  @IsOptional()
  @IsString()
  contactLastName?: string;

  /**
   * A unique Deal field that makes a retried step update instead of creating a second deal.
   * Default `Flowhub_Key` (a custom single-line field, marked unique in Zoho), which receives
   * the step's idempotency key; name your own natural key (e.g. an order number field) instead.
   */
  @IsOptional()
  @IsString()
  duplicateCheckField?: string;

  /** Any further Zoho Deal fields, passed through. */
  @IsOptional()
  @IsObject()
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
