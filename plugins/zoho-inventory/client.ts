import { FatalError, HttpStatusError, type ActionContext } from '@flowhub/plugin-sdk';
import { zohoCall } from '../zoho-shared/zoho.js';

export type InventoryContext = Pick<ActionContext, 'auth' | 'connection' | 'http' | 'signal'>;

interface Envelope {
  code?: number;
  message?: string;
  [key: string]: unknown;
}

/**
 * Inventory answers `{"code": 0, ...}` on success and a non-zero code with Zoho's message on
 * errors. 4xx errors are permanent (with that message); 429 and 5xx stay retryable.
 */
export async function inventoryCall(
  ctx: InventoryContext,
  method: string,
  path: string,
  query: Record<string, string> = {},
  body?: unknown,
): Promise<Envelope> {
  const organizationId = String(
    (ctx.connection as { organizationId?: string }).organizationId ?? '',
  );
  let reply: Envelope;
  try {
    const response = await zohoCall(ctx, {
      method,
      path: `/inventory/v1${path}`,
      query: { organization_id: organizationId, ...query },
      body,
    });
    reply = (response.body ?? {}) as Envelope;
  } catch (error) {
    if (
      error instanceof HttpStatusError &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 429
    ) {
      const envelope = (error.response.body ?? {}) as Envelope;
      throw new FatalError(
        `Zoho Inventory error ${envelope.code ?? error.status}: ${envelope.message ?? error.message}`,
      );
    }
    throw error;
  }
  if (reply.code !== 0)
    throw new FatalError(`Zoho Inventory error ${reply.code}: ${reply.message ?? 'no message'}`);
  return reply;
}

export interface InventoryContact {
  contact_id: string;
  contact_name?: string;
  email?: string;
}

export interface InventoryItem {
  item_id: string;
  sku?: string;
  name?: string;
  rate?: number;
}

export async function findContactByEmail(
  ctx: InventoryContext,
  email: string,
): Promise<InventoryContact | undefined> {
  const reply = await inventoryCall(ctx, 'GET', '/contacts', { email });
  return (reply.contacts as InventoryContact[] | undefined)?.[0];
}

export async function findItemBySku(
  ctx: InventoryContext,
  sku: string,
): Promise<InventoryItem | undefined> {
  const reply = await inventoryCall(ctx, 'GET', '/items', { sku });
  return (reply.items as InventoryItem[] | undefined)?.[0];
}
