import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { FlowDefinition } from '../engine/flow-definition.js';
import { SecretBox } from '../secrets/secret-box.js';
import { generateCatchKey, hashCatchKey, sealContext } from './catch-key.js';
import { CompiledFlows } from './compiled-flows.js';
import type { FlowDefinitionDto } from './dto/flow-definition.dto.js';
import type { FlowVersionEntity } from './flow-version.entity.js';
import type { FlowEntity, FlowStatus } from './flow.entity.js';
import { FlowValidator } from './flow-validator.js';
import { FlowsRepository, type FlowWithDefinition } from './flows.repository.js';

export interface FlowView extends FlowWithDefinition {
  catchKey: string;
}

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
  ) {}

  onCatchKeyChange(listener: (flowId: string) => void): void {
    this.keyChangeListeners.push(listener);
  }

  private view(flow: FlowEntity, definition: FlowDefinition): FlowView {
    return {
      flow,
      definition,
      catchKey: this.secrets.decrypt(flow.catchKeySealed, sealContext(flow.id)),
    };
  }

  private sealKey(id: string) {
    const key = generateCatchKey();
    return {
      catchKeyHash: hashCatchKey(key),
      catchKeySealed: this.secrets.encrypt(key, sealContext(id)),
    };
  }

  async create(dto: FlowDefinitionDto): Promise<FlowView> {
    const definition = await this.validator.check(dto);
    const id = randomUUID();
    const values = {
      id,
      name: definition.name,
      description: definition.description ?? null,
      ...this.sealKey(id),
    };
    const flow = await this.flows.transaction((manager) =>
      this.flows.insert(manager, values, definition),
    );
    this.compiled.remember(flow.id, 1, definition);
    return this.view(flow, definition);
  }

  async update(id: string, dto: FlowDefinitionDto): Promise<FlowView> {
    const definition = await this.validator.check(dto);
    const flow = await this.flows.transaction((manager) =>
      this.flows.addVersion(manager, id, definition),
    );
    if (!flow) throw flowNotFound(id);
    this.compiled.remember(id, flow.currentVersion, definition);
    this.keyChangeListeners.forEach((listener) => listener(id));
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
    await this.get(id);
    await this.flows.setStatus(id, status);
    return this.get(id);
  }

  async rotateKey(id: string): Promise<FlowView> {
    await this.get(id);
    const sealed = this.sealKey(id);
    await this.flows.setCatchKey(id, sealed.catchKeyHash, sealed.catchKeySealed);
    this.keyChangeListeners.forEach((listener) => listener(id));
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.flows.softDelete(id);
    this.keyChangeListeners.forEach((listener) => listener(id));
  }
}
