import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConnectionEntity } from './connection.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ConnectionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ConnectionEntity);
  }

  /** By id or by (unique) name, as a flow step names it. */
  findByRef(ref: string): Promise<ConnectionEntity | null> {
    return this.repo.findOneBy(UUID.test(ref) ? { id: ref } : { name: ref });
  }

  findByName(name: string): Promise<ConnectionEntity | null> {
    return this.repo.findOneBy({ name });
  }

  list(): Promise<ConnectionEntity[]> {
    return this.repo.find({ order: { name: 'ASC' } });
  }

  save(entity: Partial<ConnectionEntity>): Promise<ConnectionEntity> {
    return this.repo.save(this.repo.create(entity));
  }

  async remove(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /** Names of live flows whose current version has a step using this connection. */
  async flowsUsing(connection: ConnectionEntity): Promise<string[]> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT f.name FROM flows f JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
       WHERE f.deleted_at IS NULL AND (v.definition->'steps' @> $1::jsonb OR v.definition->'steps' @> $2::jsonb)
       ORDER BY f.name`,
      [
        JSON.stringify([{ connection: connection.id }]),
        JSON.stringify([{ connection: connection.name }]),
      ],
    );
    return rows.map((row) => row.name);
  }
}
