import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { FlowDefinition } from '../engine/flow-definition.js';
import { FlowVersionEntity } from './flow-version.entity.js';
import { FlowEntity, type FlowStatus } from './flow.entity.js';

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
    values: Pick<FlowEntity, 'name' | 'description' | 'catchKeyHash' | 'catchKeySealed'> & {
      id: string;
    },
    definition: FlowDefinition,
  ): Promise<FlowEntity> {
    const flow = await manager.save(
      FlowEntity,
      manager.create(FlowEntity, { ...values, currentVersion: 1 }),
    );
    await this.insertVersion(manager, flow.id, 1, definition);
    return flow;
  }

  /** Appends a version under a row lock, so concurrent updates get distinct numbers. */
  async addVersion(
    manager: EntityManager,
    id: string,
    definition: FlowDefinition,
  ): Promise<FlowEntity | null> {
    const flow = await manager.findOne(FlowEntity, {
      where: { id, deletedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!flow) return null;
    flow.currentVersion += 1;
    flow.name = definition.name;
    flow.description = definition.description ?? null;
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

  async setCatchKey(id: string, catchKeyHash: Buffer, catchKeySealed: string): Promise<void> {
    await this.dataSource
      .getRepository(FlowEntity)
      .update({ id }, { catchKeyHash, catchKeySealed });
  }

  async softDelete(id: string): Promise<void> {
    await this.dataSource.getRepository(FlowEntity).update({ id }, { deletedAt: new Date() });
  }

  /** The catch path's one read: the key hash and current version of a live flow (cached by the caller). */
  async catchTarget(id: string): Promise<{ hash: Buffer; version: number } | undefined> {
    const rows: { catch_key_hash: Buffer; current_version: number }[] = await this.dataSource.query(
      'SELECT catch_key_hash, current_version FROM flows WHERE id = $1 AND deleted_at IS NULL',
      [id],
    );
    return rows[0] && { hash: rows[0].catch_key_hash, version: rows[0].current_version };
  }
}
