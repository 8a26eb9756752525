import {
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  JSONSchema,
  Matches,
  MaxLength,
  Min,
  Type,
  ValidateIf,
  ValidateNested,
} from '@flowhub/plugin-sdk/validators';
import { defineAction, FatalError } from '@flowhub/plugin-sdk';
import {
  findContactByEmail,
  findItemBySku,
  inventoryCall,
  type InventoryContext,
} from '../client.js';

export class ZohoInventoryLineItem {
  @ValidateIf((line: ZohoInventoryLineItem) => line.sku === undefined)
  @IsString({ message: 'each line item needs item_id or sku' })
  @JSONSchema({
    description: 'The Zoho Inventory item id (or give sku).',
    examples: ['4815000000044100'],
  })
  item_id?: string;

  @IsOptional()
  @IsString()
  @JSONSchema({
    description: 'The item SKU, looked up when item_id is not given.',
    examples: ['TSHIRT-M'],
  })
  sku?: string;

  @IsNumber()
  @Min(0.0001, { message: 'quantity must be greater than 0' })
  @JSONSchema({ description: 'How many (greater than 0).', examples: [2] })
  quantity: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @JSONSchema({ description: 'Unit price.', examples: [19.99] })
  rate?: number;
}

export class ZohoInventoryCreateSalesOrderInput {
  @ValidateIf((input: ZohoInventoryCreateSalesOrderInput) => input.customerEmail === undefined)
  @IsString({ message: 'give customer_id or customerEmail' })
  @JSONSchema({
    description: 'The Zoho Inventory customer id (or give customerEmail).',
    examples: ['4815000000044080'],
  })
  customer_id?: string;

  @IsOptional()
  @IsEmail()
  @JSONSchema({
    description: 'Finds the customer with this email when customer_id is not given.',
    examples: ['ada@example.com'],
  })
  customerEmail?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ZohoInventoryLineItem)
  @JSONSchema({ description: 'The order lines (at least one).' })
  line_items: ZohoInventoryLineItem[];

  /** Defaults to the step's idempotency key, which makes a retried step find its order. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @JSONSchema({
    description:
      "The order's reference; defaults to the step's idempotency key, which makes a retried step find its order.",
    examples: ['#1001'],
  })
  reference_number?: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  @JSONSchema({
    description: 'The order date, YYYY-MM-DD.',
    examples: ['2026-12-02'],
  })
  date?: string;

  @IsOptional()
  @IsObject()
  @JSONSchema({ description: 'Any further sales order fields, passed through as they are.' })
  fields?: Record<string, unknown>;
}

interface SalesOrder {
  salesorder_id: string;
  salesorder_number: string;
  status?: string;
  total?: number;
}

async function customerId(
  ctx: InventoryContext,
  input: ZohoInventoryCreateSalesOrderInput,
): Promise<string> {
  if (input.customer_id) return input.customer_id;
  const contact = await findContactByEmail(ctx, input.customerEmail!);
  if (!contact)
    throw new FatalError(`no customer with email ${input.customerEmail} in Zoho Inventory`);
  return contact.contact_id;
}

async function lineItems(ctx: InventoryContext, lines: ZohoInventoryLineItem[]) {
  return Promise.all(
    lines.map(async ({ item_id, sku, quantity, rate }) => {
      let id = item_id;
      if (!id) {
        const item = await findItemBySku(ctx, sku!);
        if (!item) throw new FatalError(`no item with SKU ${sku} in Zoho Inventory`);
        id = item.item_id;
      }
      return { item_id: id, quantity, ...(rate !== undefined ? { rate } : {}) };
    }),
  );
}

const outputOf = (order: SalesOrder, reused: boolean) => ({
  salesorder_id: order.salesorder_id,
  salesorder_number: order.salesorder_number,
  status: order.status ?? null,
  total: order.total ?? null,
  reused,
});

export const createSalesOrder = defineAction<
  ZohoInventoryCreateSalesOrderInput,
  ReturnType<typeof outputOf>
>({
  displayName: 'Create sales order',
  description:
    'Creates a sales order, looking up the customer by email and items by SKU; retry-safe by reference_number.',
  input: ZohoInventoryCreateSalesOrderInput,
  sideEffects: true,
  retry: { attempts: 5, backoff: 'exponential', delayMs: 2000 },
  run: async (ctx) => {
    const { input } = ctx;
    const reference = input.reference_number ?? ctx.idempotencyKey;
    const existing = await inventoryCall(ctx, 'GET', '/salesorders', {
      reference_number: reference,
    });
    const [found] = (existing.salesorders as SalesOrder[] | undefined) ?? [];
    if (found) return outputOf(found, true);
    const body = {
      ...input.fields,
      customer_id: await customerId(ctx, input),
      line_items: await lineItems(ctx, input.line_items),
      reference_number: reference,
      ...(input.date ? { date: input.date } : {}),
    };
    const reply = await inventoryCall(ctx, 'POST', '/salesorders', {}, body);
    return outputOf(reply.salesorder as SalesOrder, false);
  },
});
