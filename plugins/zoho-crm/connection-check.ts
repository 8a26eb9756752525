import { HttpStatusError } from '@flowhub/plugin-sdk';
import { zohoCall, type ZohoCheckContext } from '../zoho-shared/zoho.js';
import { IDEMPOTENCY_FIELD } from './actions/create-deal.action.js';

/** What the connection test says when the Deals module lacks the Flowhub_Key field. */
export const MISSING_FLOWHUB_KEY =
  `the Deals module of this Zoho CRM has no field with API name '${IDEMPOTENCY_FIELD}'; ` +
  "createDeal stores each step's idempotency key there so it never creates a Deal twice. " +
  'Add it in Zoho CRM: Setup > Customization > Modules and Fields > Deals > drag a Single Line ' +
  `field, label it "Flowhub Key" (its API name becomes ${IDEMPOTENCY_FIELD}; check it under ` +
  'Setup > Developer Hub > APIs > API names > Deals), tick "Do not allow duplicate values", save, ' +
  'then test the connection again (credentials are fine; only createDeal steps without ' +
  'their own duplicateCheckField need this field)';

interface FieldMeta {
  api_name?: string;
}

/** GET /crm/v8/settings/fields?module=Deals: the Deals fields' metadata. */
async function dealFields(ctx: ZohoCheckContext): Promise<FieldMeta[]> {
  try {
    const reply = await zohoCall(ctx, {
      method: 'GET',
      path: '/crm/v8/settings/fields',
      query: { module: 'Deals' },
    });
    return ((reply.body as { fields?: FieldMeta[] } | undefined)?.fields ?? []) as FieldMeta[];
  } catch (error) {
    if (!(error instanceof HttpStatusError)) throw error;
    const body = (error.response.body ?? {}) as { code?: string; message?: string };
    throw new Error(
      `Zoho CRM refused to list the Deals fields (HTTP ${error.status} ${body.code ?? ''}: ` +
        `${body.message ?? ''}); the refresh token needs the scope ZohoCRM.settings.fields.READ ` +
        '(or ZohoCRM.settings.ALL) besides ZohoCRM.modules.ALL',
      { cause: error },
    );
  }
}

/** The zoho-crm connection test's extra check: the Deal field createDeal relies on exists. */
export async function checkFlowhubKeyField(ctx: ZohoCheckContext): Promise<void> {
  const fields = await dealFields(ctx);
  if (!fields.some((field) => field.api_name === IDEMPOTENCY_FIELD)) {
    throw new Error(MISSING_FLOWHUB_KEY);
  }
}
