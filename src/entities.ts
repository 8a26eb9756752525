import { ApiKeyEntity } from './api-keys/api-key.entity.js';
import { CatchRateLimitEntity } from './catch/catch-rate-limit.entity.js';
import { FlowRejectionEntity } from './catch/flow-rejection.entity.js';
import { WebhookAttemptEntity } from './webhooks/webhook-attempt.entity.js';
import { WebhookDeliveryEntity } from './webhooks/webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './webhooks/webhook-subscription.entity.js';
import { ConnectionEntity } from './connections/connection.entity.js';
import { FlowVersionEntity } from './flows/flow-version.entity.js';
import { FlowEntity } from './flows/flow.entity.js';
import { InboundRequestEntity } from './runs/inbound-request.entity.js';
import { RunStepEntity } from './runs/run-step.entity.js';
import { RunEntity } from './runs/run.entity.js';
import { BulkJobEntity } from './runs/bulk/bulk-job.entity.js';
import { IssueEntity } from './issues/issue.entity.js';

/**
 * Every TypeORM entity, listed once in app wiring for the app (AppModule) and the command-line
 * tools (src/cli/): src/database/ builds the data source from the list it is given and knows no
 * feature. A feature's new entity is added here.
 */
export const ENTITIES = [
  ApiKeyEntity,
  FlowEntity,
  FlowVersionEntity,
  InboundRequestEntity,
  RunEntity,
  RunStepEntity,
  ConnectionEntity,
  CatchRateLimitEntity,
  FlowRejectionEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
  IssueEntity,
  BulkJobEntity,
];
