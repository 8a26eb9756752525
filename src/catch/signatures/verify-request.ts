import type { VerifyDefinition } from '../../engine/verify-presets.js';
import { hmacSchemeOf, verifyHmac } from './hmac-schemes.js';
import { verifyBasicAuth, verifyStaticHeader, verifyZohoCrmToken } from './token-checks.js';
import { verifyTwilio } from './twilio.js';
import type { VerifiableRequest, VerificationFailure } from './verification.js';

import { DEFAULT_TOKEN_HEADER } from '../../engine/stored-headers.js';

/**
 * trigger.verify on one request: undefined when it passes with any of the secrets (current,
 * then previous ones still in their grace period), else why it failed (VER-1).
 */
export function verifyRequest(
  verify: VerifyDefinition,
  secrets: readonly string[],
  request: VerifiableRequest,
): VerificationFailure | undefined {
  switch (verify.preset) {
    case 'static-token':
      return verify.basicAuth
        ? verifyBasicAuth(secrets, request)
        : verifyStaticHeader(verify.header ?? DEFAULT_TOKEN_HEADER, secrets, request);
    case 'zoho-crm':
      return verifyZohoCrmToken(secrets, request);
    case 'twilio':
      return verifyTwilio(secrets, request);
    default:
      return verifyHmac(hmacSchemeOf(verify)!, secrets, request, verify.toleranceSeconds);
  }
}
