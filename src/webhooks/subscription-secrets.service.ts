import { Injectable } from '@nestjs/common';
import { SecretBox } from '../secrets/secret-box.js';
import type { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

export const webhookSecretContext = (subscriptionId: string) => `webhook:${subscriptionId}:secret`;

/** Seals and opens subscription secrets; the previous one signs too until its grace ends. */
@Injectable()
export class SubscriptionSecrets {
  constructor(private readonly box: SecretBox) {}

  seal(subscriptionId: string, secret: string): string {
    return this.box.encrypt(secret, webhookSecretContext(subscriptionId));
  }

  /** Current secret first, then the previous one during its grace period (OUT-3). */
  signingSecrets(subscription: WebhookSubscriptionEntity, now = Date.now()): string[] {
    const context = webhookSecretContext(subscription.id);
    const secrets = [this.box.decrypt(subscription.secretSealed, context)];
    const { previousSecretSealed, previousSecretExpiresAt } = subscription;
    if (
      previousSecretSealed &&
      previousSecretExpiresAt &&
      previousSecretExpiresAt.getTime() > now
    ) {
      secrets.push(this.box.decrypt(previousSecretSealed, context));
    }
    return secrets;
  }
}
