import { route } from '../common/links.js';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { FlowDefinition } from '../engine/flow-definition.js';
import type { VerifyDefinition } from '../engine/verify-presets.js';
import { LiteralSecrets } from '../named-secrets/literal-secrets.service.js';
import { SecretBox } from '../secrets/secret-box.js';
import type { DomainEventName } from '../events/domain-events.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { generateCatchKey, hashCatchKey, sealContext } from './catch-key.js';
import { CompiledFlows } from './compiled-flows.cache.js';
import type { FlowDefinitionDto } from './dto/flow-definition.dto.js';
import type { FlowVersionEntity } from './flow-version.entity.js';
import type { FlowEntity, FlowStatus } from './flow.entity.js';
import { FlowValidator } from './flow-validator.service.js';
import { FlowsRepository, type FlowWithDefinition } from './flows.repository.js';
import {
  currentOnly,
  generateVerifySecret,
  isSenderIssued,
  liveSecrets,
  rotateSecrets,
  verifySealContext,
  type VerifySecret,
  type VerifySecretInfo,
} from './verify-secrets.js';

export interface FlowView extends FlowWithDefinition {
  catchKey: string;
  verifySecrets: VerifySecretInfo[];
  /** Set only by rotate-secret when Flowhub generated the new secret: shown this once. */
  newVerifySecret?: string;
}

const secretRequired = () =>
  new AppError(
    ErrorCode.BadRequest,
    'Flow definition is invalid: trigger.verify.secret: required: the secret the sender signs with (it is stored encrypted and never shown again)',
    [{ path: 'trigger.verify.secret', message: 'required: the secret the sender signs with' }],
  );

/** The definition as stored (verify without its secret) and the secret given, if any. */
function withoutSecret(definition: FlowDefinition): {
  definition: FlowDefinition;
  secret?: string;
} {
  const verify = definition.trigger.verify as (VerifyDefinition & { secret?: string }) | undefined;
  if (!verify) return { definition };
  const { secret, ...rest } = verify;
  return {
    definition: { ...definition, trigger: { ...definition.trigger, verify: rest } },
    secret,
  };
}

type FlowEventName = Extract<DomainEventName, `flow.${string}`>;

export const flowNotFound = (id: string) =>
  new AppError(ErrorCode.NotFound, `No flow with id '${id}' (it may have been deleted)`);

@Injectable()
export class FlowsService {
  /** Listeners told when what the catch URL knows of a flow changes (rotate, update, delete). */
  private readonly keyChangeListeners: ((flowId: string) => void)[] = [];

  constructor(
    private readonly flows: FlowsRepository,
    private readonly validator: FlowValidator,
    private readonly compiled: CompiledFlows,
    private readonly secrets: SecretBox,
    private readonly events: DomainEvents,
    private readonly literals: LiteralSecrets,
  ) {}

  /** flow.* events: ids, name, version and status; never the definition's secrets. */
  private announce(event: FlowEventName, flow: FlowEntity): void {
    const { id, name, currentVersion: version, status } = flow;
    this.events.emit(event, { flow: { id, name, version, status } });
  }

  onCatchKeyChange(listener: (flowId: string) => void): void {
    this.keyChangeListeners.push(listener);
  }

  private view(flow: FlowEntity, definition: FlowDefinition): FlowView {
    const now = Date.now();
    return {
      flow,
      definition,
      catchKey: this.secrets.decrypt(flow.catchKeySealed, sealContext(flow.id)),
      verifySecrets: liveSecrets(this.openSecrets(flow.id, flow.verifySecretsSealed), now).map(
        ({ addedAt, expiresAt }) => ({ addedAt, expiresAt }),
      ),
    };
  }

  openSecrets(flowId: string, sealed: string | null): VerifySecret[] {
    if (!sealed) return [];
    return JSON.parse(this.secrets.decrypt(sealed, verifySealContext(flowId))) as VerifySecret[];
  }

  private sealSecrets(flowId: string, secrets: VerifySecret[]): string {
    return this.secrets.encrypt(JSON.stringify(secrets), verifySealContext(flowId));
  }

  private sealKey(id: string) {
    const key = generateCatchKey();
    return {
      catchKeyHash: hashCatchKey(key),
      catchKeySealed: this.secrets.encrypt(key, sealContext(id)),
    };
  }

  async create(dto: FlowDefinitionDto): Promise<FlowView> {
    const checked = withoutSecret(await this.validator.check(dto));
    const { secret } = checked;
    if (checked.definition.trigger.verify && secret === undefined) throw secretRequired();
    const id = randomUUID();
    let definition = checked.definition;
    const values = {
      id,
      name: definition.name,
      description: definition.description ?? null,
      ...this.sealKey(id),
      verifySecretsSealed: secret ? this.sealSecrets(id, currentOnly(secret, new Date())) : null,
    };
    // Credentials typed into the definition become named secrets in the same transaction.
    const flow = await this.flows.transaction(async (manager) => {
      definition = await this.literals.move(manager, id, definition);
      return this.flows.insert(manager, values, definition);
    });
    this.compiled.remember(flow.id, 1, definition);
    this.announce('flow.created', flow);
    return this.view(flow, definition);
  }

  /**
   * A new version. A verify secret given replaces the stored ones (rotate-secret keeps the old
   * one for a grace period); without one the stored secret stays; without verify it is dropped.
   */
  async update(id: string, dto: FlowDefinitionDto): Promise<FlowView> {
    const checked = withoutSecret(await this.validator.check(dto));
    const { secret } = checked;
    let definition = checked.definition;
    const secrets = (sealed: string | null) => {
      if (!definition.trigger.verify) return null;
      if (secret !== undefined) return this.sealSecrets(id, currentOnly(secret, new Date()));
      if (!sealed) throw secretRequired();
      return sealed;
    };
    const flow = await this.flows.transaction(async (manager) => {
      definition = await this.literals.move(manager, id, definition);
      const saved = await this.flows.addVersion(manager, id, definition, secrets);
      if (!saved) throw flowNotFound(id); // rolls back the moved secrets too
      return saved;
    });
    this.compiled.remember(id, flow.currentVersion, definition);
    this.keyChangeListeners.forEach((listener) => listener(id));
    this.announce('flow.updated', flow);
    return this.view(flow, definition);
  }

  async get(id: string): Promise<FlowView> {
    const found = await this.flows.findWithDefinition(id);
    if (!found) throw flowNotFound(id);
    return this.view(found.flow, found.definition);
  }

  async list(): Promise<FlowView[]> {
    const flows = await this.flows.list();
    return flows.map(({ flow, definition }) => this.view(flow, definition));
  }

  async versions(id: string): Promise<FlowVersionEntity[]> {
    await this.get(id);
    return this.flows.versions(id);
  }

  async version(id: string, version: number): Promise<FlowVersionEntity> {
    await this.get(id);
    const found = await this.flows.findVersion(id, version);
    if (!found) throw new AppError(ErrorCode.NotFound, `Flow '${id}' has no version ${version}`);
    return found;
  }

  async setStatus(id: string, status: FlowStatus): Promise<FlowView> {
    const before = await this.get(id);
    await this.flows.setStatus(id, status);
    const after = await this.get(id);
    if (before.flow.status !== status) {
      this.announce(status === 'paused' ? 'flow.paused' : 'flow.activated', after.flow);
    }
    return after;
  }

  /** A new catch key; with a grace period the old key keeps working until it ends. */
  async rotateKey(id: string, graceSeconds = 0): Promise<FlowView> {
    await this.get(id);
    const sealed = this.sealKey(id);
    const previousUntil = graceSeconds > 0 ? new Date(Date.now() + graceSeconds * 1000) : null;
    await this.flows.setCatchKey(id, sealed.catchKeyHash, sealed.catchKeySealed, previousUntil);
    this.keyChangeListeners.forEach((listener) => listener(id));
    return this.get(id);
  }

  /**
   * A new trigger.verify secret (given, or generated where the sender lets you choose one);
   * the old ones stay accepted for the grace period (default 24 h).
   */
  async rotateSecret(
    id: string,
    secret: string | undefined,
    graceSeconds: number,
  ): Promise<FlowView> {
    const { flow, definition } = await this.get(id);
    const verify = definition.trigger.verify;
    if (!verify) {
      throw new AppError(
        ErrorCode.BadRequest,
        `This flow has no trigger.verify, so it has no secret to rotate: add trigger.verify with ${route('PUT', '/flows/:id')}`,
      );
    }
    if (secret === undefined && isSenderIssued(verify.preset)) {
      throw new AppError(
        ErrorCode.BadRequest,
        `The ${verify.preset} preset's secret is issued by the sender: roll it there, then pass it as "secret"`,
      );
    }
    const next = secret ?? generateVerifySecret(verify.preset);
    const current = this.openSecrets(id, flow.verifySecretsSealed);
    const rotated = rotateSecrets(current, next, graceSeconds, new Date());
    await this.flows.setVerifySecrets(id, this.sealSecrets(id, rotated));
    this.keyChangeListeners.forEach((listener) => listener(id));
    const view = await this.get(id);
    return secret === undefined ? { ...view, newVerifySecret: next } : view;
  }

  async remove(id: string): Promise<void> {
    const { flow } = await this.get(id);
    await this.flows.softDelete(id);
    this.keyChangeListeners.forEach((listener) => listener(id));
    this.announce('flow.deleted', flow);
  }
}
