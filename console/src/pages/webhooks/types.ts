import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Webhook = Schemas['WebhookDto'];
export type WebhookWithSecret = Schemas['WebhookWithSecretDto'];
export type WebhookEvent = Schemas['WebhookEventDto'];
export type Delivery = Schemas['WebhookDeliveryDto'];
export type DeliveryAttempt = Schemas['WebhookAttemptDto'];
export type SentAttempt = Schemas['SentAttemptDto'];
export type TestPing = Schemas['TestPingDto'];
export type CreateWebhookBody = Schemas['CreateWebhookDto'];
export type UpdateWebhookBody = Schemas['UpdateWebhookDto'];
export type EventName = NonNullable<CreateWebhookBody['events']>[number];
export type DeliveryStatus = Delivery['status'];
