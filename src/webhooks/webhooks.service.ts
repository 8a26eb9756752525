import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../common/app-error.js';
import { checkUrl } from '../common/egress/egress-policy.js';
import { decodeCursor, encodeCursor } from '../common/page-cursor.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { DeliverySender } from './delivery-sender.service.js';
import type {
  CreateWebhookDto,
  ListDeliveriesQueryDto,
  ListWebhooksQueryDto,
  RotateWebhookSecretDto,
  UpdateWebhookDto,
} from './dto/webhook.dto.js';
import { WEBHOOK_ALIASES } from './dto/webhook.dto.js';
import { foldAliases } from '../common/input-aliases.js';
import { byCreatedAt, pageList } from '../common/page-list.js';
import { deliveryView, webhookView, attemptView } from './dto/webhook-views.js';
import { EventBus } from './event-bus.service.js';
import { SubscriptionSecrets } from './subscription-secrets.service.js';
import {
  DEFAULT_SIGNATURE_FORMAT,
  generateWebhookSecret,
  randomMessageId,
  secretProblem,
} from './webhook-signing.js';
import type { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { route, links } from '../common/links.js';

export const TEST_PING_NOTE = `A test ping is sent once and never retried: whatever the receiver answered is final. Send it again with ${route('POST', '/webhooks/:id/test.')}`;

const notFound = (id: string) =>
  new AppError(
    ErrorCode.NotFound,
    `No webhook subscription with id '${id}' (${route('GET', '/webhooks')} lists them)`,
  );

/** Outgoing webhook subscriptions: CRUD, secret rotation, test events, the delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly secrets: SubscriptionSecrets,
    private readonly sender: DeliverySender,
    private readonly events: EventBus,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** SEC-3: a URL the egress guard would refuse is a 400 now, not a failed delivery later. */
  private checkUrl(url: string): void {
    const { egressAllowCidrs: allowCidrs, egressAllowHosts: allowHosts } = this.runtime.config;
    const problem = checkUrl(url, { allowCidrs, allowHosts });
    if (problem) throw new AppError(ErrorCode.BadRequest, `url: ${problem}`);
  }

  private checkSecret(secret: string): void {
    const problem = secretProblem(secret);
    if (problem) throw new AppError(ErrorCode.BadRequest, problem);
  }

  async find(id: string): Promise<WebhookSubscriptionEntity> {
    const found = await this.repository.subscriptions.findOneBy({ id });
    if (!found) throw notFound(id);
    return found;
  }

  async create(body: CreateWebhookDto) {
    const dto = foldAliases(body, WEBHOOK_ALIASES);
    this.checkUrl(dto.url);
    if (dto.secret !== undefined) this.checkSecret(dto.secret);
    const secret = dto.secret ?? generateWebhookSecret();
    const id = randomUUID();
    const saved = await this.repository.subscriptions.save(
      this.repository.subscriptions.create({
        id,
        url: dto.url,
        events: [...new Set(dto.events)],
        description: dto.description ?? null,
        isActive: dto.isActive ?? true,
        secretSealed: this.secrets.seal(id, secret),
        retrySchedule: dto.retrySchedule ?? null,
        includeRequestBody: dto.includeRequestBody ?? false,
        signatureFormat: dto.signatureFormat ?? DEFAULT_SIGNATURE_FORMAT,
      }),
    );
    this.events.invalidate();
    return webhookView(saved, secret);
  }

  /** `{items, nextCursor}`, newest first, like every list of the API. */
  async list(query: ListWebhooksQueryDto) {
    const { isActive } = foldAliases(query, { isActive: 'is_active' });
    const found = await this.repository.subscriptions.find({
      where: isActive === undefined ? {} : { isActive },
    });
    return pageList(
      found.map((s) => webhookView(s)),
      query,
      byCreatedAt(),
    );
  }

  async get(id: string) {
    return webhookView(await this.find(id));
  }

  async update(id: string, body: UpdateWebhookDto & { secret?: unknown }) {
    const dto = foldAliases(body, WEBHOOK_ALIASES);
    if (dto.secret !== undefined) {
      throw new AppError(
        ErrorCode.BadRequest,
        `secret cannot be changed with PUT: use ${route('POST', '/webhooks/:id/rotate-secret')} (the old secret keeps signing for a grace period)`,
      );
    }
    const subscription = await this.find(id);
    if (dto.url !== undefined) this.checkUrl(dto.url);
    Object.assign(subscription, {
      ...(dto.url !== undefined && { url: dto.url }),
      ...(dto.events !== undefined && { events: [...new Set(dto.events)] }),
      ...(dto.description !== undefined && { description: dto.description }),
      ...(dto.retrySchedule !== undefined && { retrySchedule: dto.retrySchedule }),
      ...(dto.includeRequestBody !== undefined && { includeRequestBody: dto.includeRequestBody }),
      ...(dto.signatureFormat !== undefined && { signatureFormat: dto.signatureFormat }),
    });
    if (dto.isActive === true && !subscription.isActive) {
      Object.assign(subscription, {
        isActive: true,
        disabledReason: null,
        disabledAt: null,
        consecutiveFailures: 0,
      });
    } else if (dto.isActive === false && subscription.isActive) {
      Object.assign(subscription, {
        isActive: false,
        disabledReason: 'paused by API',
        disabledAt: new Date(),
      });
    }
    const saved = await this.repository.subscriptions.save(subscription);
    this.events.invalidate();
    return webhookView(saved);
  }

  async remove(id: string): Promise<void> {
    await this.find(id);
    await this.repository.subscriptions.delete({ id });
    this.events.invalidate();
  }

  /** OUT-3: the old secret keeps signing beside the new one for the grace period. */
  async rotateSecret(id: string, dto: RotateWebhookSecretDto) {
    const subscription = await this.find(id);
    if (dto.secret !== undefined) this.checkSecret(dto.secret);
    const secret = dto.secret ?? generateWebhookSecret();
    const grace = dto.graceSeconds ?? 86_400;
    Object.assign(subscription, {
      previousSecretSealed: grace > 0 ? subscription.secretSealed : null,
      previousSecretExpiresAt: grace > 0 ? new Date(Date.now() + grace * 1000) : null,
      secretSealed: this.secrets.seal(id, secret),
    });
    const saved = await this.repository.subscriptions.save(subscription);
    return webhookView(saved, secret);
  }

  /** Sends a `webhook.test` event now, exactly once (never retried), and returns the attempt. */
  async test(id: string) {
    const subscription = await this.find(id);
    const payload = JSON.stringify({
      event: 'webhook.test',
      timestamp: new Date().toISOString(),
      data: { subscription: { id, url: subscription.url }, message: 'A test event from Flowhub' },
    });
    const [deliveryId] = await this.repository.insertDeliveries(
      [{ subscriptionId: id, event: 'webhook.test', messageId: randomMessageId(), payload }],
      null,
    );
    const attempt = (await this.sender.deliverNow(deliveryId))!;
    const delivery = await this.repository.deliveries.findOneByOrFail({ id: deliveryId });
    if (delivery.status === 'pending') await this.repository.finish(deliveryId, 'failed');
    return { deliveryId, ...attemptView(attempt), retried: false, note: TEST_PING_NOTE };
  }

  async deliveries(id: string, query: ListDeliveriesQueryDto) {
    await this.find(id);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !after) {
      throw new AppError(
        ErrorCode.BadRequest,
        'cursor is not valid: pass the nextCursor of a previous page',
      );
    }
    const limit = query.limit ?? 20;
    const page = await this.repository.deliveryPage(id, { ...query, limit: limit + 1, after });
    const items = page.slice(0, limit);
    const attempts = await this.repository.attemptsOf(items.map((d) => d.id));
    const last = items.at(-1);
    return {
      items: items.map((d) =>
        deliveryView(
          d,
          attempts.filter((a) => a.deliveryId === d.id),
        ),
      ),
      nextCursor: page.length > limit && last ? encodeCursor(last.created_at_text, last.id) : null,
    };
  }

  /** OUT-9: the same webhook-id, a new timestamp and signature, logged as manual. */
  async redeliver(id: string, deliveryId: string) {
    await this.find(id);
    const delivery = await this.repository.deliveries.findOneBy({
      id: deliveryId,
      subscriptionId: id,
    });
    if (!delivery) {
      throw new AppError(
        ErrorCode.NotFound,
        `Subscription '${id}' has no delivery '${deliveryId}' (GET ${links.deliveries(id)} lists them)`,
      );
    }
    const attempt = (await this.sender.deliverNow(deliveryId))!;
    return { deliveryId, ...attemptView(attempt) };
  }
}
