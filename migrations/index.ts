// The migration list, oldest first. `npm run migration:generate -- <Name>` appends to it.
import { CreateApiKeys1763888400000 } from './1763888400000-create-api-keys.js';
import { CreateFlowsAndRuns1795427104024 } from './1795427104024-create-flows-and-runs.js';
import { CreateConnections1795431253280 } from './1795431253280-create-connections.js';
import { AddConnectionTokenCache1795431445510 } from './1795431445510-add-connection-token-cache.js';
import { AddRequestDedupeKey1795432556633 } from './1795432556633-add-request-dedupe-key.js';
import { AddCatchRateLimits1795433710019 } from './1795433710019-add-catch-rate-limits.js';
import { AddVerifySecretsAndRejections1795438537971 } from './1795438537971-add-verify-secrets-and-rejections.js';
import { CreateWebhooks1795439925972 } from './1795439925972-create-webhooks.js';
import { CreateNamedSecrets1795460000000 } from './1795460000000-create-named-secrets.js';
import { RedactRecordedCredentialHeaders1795460000001 } from './1795460000001-redact-recorded-credential-headers.js';
import { AddRequestExactValues1795440200000 } from './1795440200000-add-request-exact-values.js';
import { AddRunTruthColumns1795470016000 } from './1795470016000-add-run-truth-columns.js';
import { CreateOauthStates1795500000002 } from './1795500000002-create-oauth-states.js';
import { CreateConsoleSessions1795500000001 } from './1795500000001-create-console-sessions.js';
import { AddApiKeyRoles1795500000000 } from './1795500000000-add-api-key-roles.js';
import { CreateEventOutbox1795490000000 } from './1795490000000-create-event-outbox.js';
import { CreateStats1795510000000 } from './1795510000000-create-stats.js';
import { CreateBulkJobs1795520000000 } from './1795520000000-create-bulk-jobs.js';
import { CreateIssues1795530000000 } from './1795530000000-create-issues.js';
import { AddRetentionIndexes1795540000000 } from './1795540000000-add-retention-indexes.js';
import { AddQueueClaims1795560000000 } from './1795560000000-add-queue-claims.js';
import { CreateFlowSchedules1795570000000 } from './1795570000000-create-flow-schedules.js';
import { AddWebhookSignatureFormat1795480000000 } from './1795480000000-add-webhook-signature-format.js';

export const MIGRATIONS = [
  CreateApiKeys1763888400000,
  CreateFlowsAndRuns1795427104024,
  CreateConnections1795431253280,
  AddConnectionTokenCache1795431445510,
  AddRequestDedupeKey1795432556633,
  AddCatchRateLimits1795433710019,
  AddVerifySecretsAndRejections1795438537971,
  CreateWebhooks1795439925972,
  AddRequestExactValues1795440200000,
  CreateNamedSecrets1795460000000,
  RedactRecordedCredentialHeaders1795460000001,
  AddRunTruthColumns1795470016000,
  AddWebhookSignatureFormat1795480000000,
  CreateEventOutbox1795490000000,
  AddApiKeyRoles1795500000000,
  CreateConsoleSessions1795500000001,
  CreateOauthStates1795500000002,
  CreateStats1795510000000,
  CreateBulkJobs1795520000000,
  CreateIssues1795530000000,
  AddRetentionIndexes1795540000000,
  AddQueueClaims1795560000000,
  CreateFlowSchedules1795570000000,
];
