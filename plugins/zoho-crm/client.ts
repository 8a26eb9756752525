import {
  FatalError,
  HttpStatusError,
  type ActionContext,
  type HttpResponse,
} from '@flowhub/plugin-sdk';
import { zohoCall } from '../zoho-shared/zoho.js';

export type CrmContext = Pick<ActionContext, 'auth' | 'connection' | 'http' | 'signal'>;
export type CrmFields = Record<string, unknown>;

interface CrmEntry {
  code?: string;
  status?: string;
  message?: string;
  action?: string;
  details?: {
    id?: string;
    api_name?: string;
    json_path?: string;
    duplicate_record?: { id?: string };
  };
}

/** A Zoho per-record error as a permanent step error that names the field. */
export function crmError(entry: CrmEntry): FatalError {
  const details = entry.details ?? {};
  const where = [details.api_name, details.json_path].filter(Boolean).join(' at ');
  const existing = details.duplicate_record?.id
    ? ` (existing record ${details.duplicate_record.id})`
    : '';
  return new FatalError(
    `Zoho CRM ${entry.code ?? 'error'}${where ? ` on ${where}` : ''}: ${entry.message ?? ''}${existing}`,
  );
}

/** 4xx answers carry Zoho's reason in the body: surface it; 429 and 5xx stay retryable. */
async function call(
  ctx: CrmContext,
  request: Parameters<typeof zohoCall>[1],
): Promise<HttpResponse> {
  try {
    return await zohoCall(ctx, request);
  } catch (error) {
    if (
      error instanceof HttpStatusError &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 429
    ) {
      const body = error.response.body as { data?: CrmEntry[] } & CrmEntry;
      throw crmError(body?.data?.[0] ?? body ?? {});
    }
    throw error;
  }
}

/** Writes one record (insert, or upsert on duplicate-check fields); 207 is read per record. */
export async function writeRecord(
  ctx: CrmContext,
  module: string,
  record: CrmFields,
  duplicateCheckFields?: string[],
): Promise<{ id: string; action: 'insert' | 'update' }> {
  const upsert = duplicateCheckFields !== undefined && duplicateCheckFields.length > 0;
  const reply = await call(ctx, {
    method: 'POST',
    path: `/crm/v8/${encodeURIComponent(module)}${upsert ? '/upsert' : ''}`,
    body: {
      data: [record],
      ...(upsert ? { duplicate_check_fields: duplicateCheckFields } : {}),
      trigger: ['workflow'],
    },
  });
  const entry = ((reply.body as { data?: CrmEntry[] })?.data ?? [])[0];
  if (!entry || entry.status !== 'success' || !entry.details?.id)
    throw crmError(entry ?? { message: 'empty reply' });
  return { id: entry.details.id, action: entry.action === 'update' ? 'update' : 'insert' };
}

/** Search by email, a criteria expression or a word; Zoho answers 204 (no body) for none. */
export async function searchRecords(
  ctx: CrmContext,
  module: string,
  query: { email?: string; criteria?: string; word?: string },
): Promise<CrmFields[]> {
  const params = Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  const reply = await call(ctx, {
    method: 'GET',
    path: `/crm/v8/${encodeURIComponent(module)}/search`,
    query: params,
  });
  if (reply.status === 204 || !reply.body || typeof reply.body !== 'object') return [];
  return ((reply.body as { data?: CrmFields[] }).data ?? []) as CrmFields[];
}
