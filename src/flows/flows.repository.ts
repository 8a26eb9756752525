import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { FlowDefinition } from '../engine/flow-definition.js';
import { FlowVersionEntity } from './flow-version.entity.js';
import { FlowEntity, type FlowStatus } from './flow.entity.js';

export interface CatchTargetRow {
  catch_key_hash: Buffer;
  current_version: number;
  previous_catch_key_hash: Buffer | null;
  previous_catch_key_expires_at: Date | null;
  verify_secrets_sealed: string | null;
}

export interface FlowWithDefinition {
  flow: FlowEntity;
  definition: FlowDefinition;
}

@Injectable()
export class FlowsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(
    manager: EntityManager,
    values: Pick<
      FlowEntity,
      'name' | 'description' | 'catchKeyHash' | 'catchKeySealed' | 'verifySecretsSealed'
    > & { id: string },
    definition: FlowDefinition,
  ): Promise<FlowEntity> {
    const flow = await manager.save(
      FlowEntity,
      manager.create(FlowEntity, { ...values, currentVersion: 1 }),
    );
    await this.insertVersion(manager, flow.id, 1, definition);
    return flow;
  }

  /**
   * Appends a version under a row lock, so concurrent updates get distinct numbers; the
   * verify secrets are recomputed from the locked row's.
   */
  async addVersion(
    manager: EntityManager,
    id: string,
    definition: FlowDefinition,
    verifySecrets: (sealed: string | null) => string | null,
  ): Promise<FlowEntity | null> {
    const flow = await manager.findOne(FlowEntity, {
      where: { id, deletedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!flow) return null;
    flow.currentVersion += 1;
    flow.name = definition.name;
    flow.description = definition.description ?? null;
    flow.verifySecretsSealed = verifySecrets(flow.verifySecretsSealed);
    await this.insertVersion(manager, id, flow.currentVersion, definition);
    return manager.save(FlowEntity, flow);
  }

  private async insertVersion(
    manager: EntityManager,
    flowId: string,
    version: number,
    definition: FlowDefinition,
  ) {
    await manager.query(
      'INSERT INTO flow_versions (flow_id, version, definition) VALUES ($1, $2, $3)',
      [flowId, version, JSON.stringify(definition)],
    );
  }

  findActive(id: string): Promise<FlowEntity | null> {
    return this.dataSource.getRepository(FlowEntity).findOneBy({ id, deletedAt: IsNull() });
  }

  /** Every live flow with its current definition, in two queries. */
  async list(): Promise<FlowWithDefinition[]> {
    const flows = await this.dataSource
      .getRepository(FlowEntity)
      .find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
    if (flows.length === 0) return [];
    const versions = await this.dataSource
      .getRepository(FlowVersionEntity)
      .find({ where: flows.map((flow) => ({ flowId: flow.id, version: flow.currentVersion })) });
    const byFlow = new Map(versions.map((v) => [v.flowId, v.definition]));
    return flows.map((flow) => ({ flow, definition: byFlow.get(flow.id)! }));
  }

  async findWithDefinition(id: string, version?: number): Promise<FlowWithDefinition | null> {
    const flow = await this.findActive(id);
    if (!flow) return null;
    const found = await this.findVersion(id, version ?? flow.currentVersion);
    return found ? { flow, definition: found.definition } : null;
  }

  findVersion(flowId: string, version: number): Promise<FlowVersionEntity | null> {
    return this.dataSource.getRepository(FlowVersionEntity).findOneBy({ flowId, version });
  }

  versions(flowId: string): Promise<FlowVersionEntity[]> {
    return this.dataSource
      .getRepository(FlowVersionEntity)
      .find({ where: { flowId }, order: { version: 'ASC' } });
  }

  async setStatus(id: string, status: FlowStatus): Promise<void> {
    await this.dataSource.getRepository(FlowEntity).update({ id, deletedAt: IsNull() }, { status });
  }

  /** A new catch key; the old one stays valid until `previousUntil` (null: not at all). */
  async setCatchKey(
    id: string,
    catchKeyHash: Buffer,
    catchKeySealed: string,
    previousUntil: Date | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE flows SET catch_key_hash = $2, catch_key_sealed = $3,
         previous_catch_key_hash = CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE catch_key_hash END,
         previous_catch_key_expires_at = $4::timestamptz, updated_at = now()
       WHERE id = $1`,
      [id, catchKeyHash, catchKeySealed, previousUntil],
    );
  }

  async setVerifySecrets(id: string, sealed: string): Promise<void> {
    await this.dataSource.getRepository(FlowEntity).update({ id }, { verifySecretsSealed: sealed });
  }

  async softDelete(id: string): Promise<void> {
    await this.dataSource.getRepository(FlowEntity).update({ id }, { deletedAt: new Date() });
  }

  /** The catch path's one read of a live flow (cached by the caller). */
  async catchTarget(id: string): Promise<CatchTargetRow | undefined> {
    const rows: CatchTargetRow[] = await this.dataSource.query(
      `SELECT catch_key_hash, current_version, previous_catch_key_hash, previous_catch_key_expires_at,
              verify_secrets_sealed
       FROM flows WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    return rows[0];
  }
}
