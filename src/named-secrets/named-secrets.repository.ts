import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** A row of `named_secrets`: the value only sealed (SecretBox, bound to `named-secret:<id>`). */
export interface NamedSecretRow {
  id: string;
  name: string;
  value_sealed: string;
  hint: string | null;
  description: string | null;
  /** The origins the value may be sent to (http.request's url): `https://host[:port]`. */
  hosts: string[];
  created_at: Date;
  updated_at: Date;
}

export type Db = DataSource | EntityManager;

@Injectable()
export class NamedSecretsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async list(): Promise<NamedSecretRow[]> {
    return this.dataSource.query('SELECT * FROM named_secrets ORDER BY name');
  }

  async find(name: string, db: Db = this.dataSource): Promise<NamedSecretRow | undefined> {
    const rows: NamedSecretRow[] = await db.query('SELECT * FROM named_secrets WHERE name = $1', [
      name,
    ]);
    return rows[0];
  }

  async findMany(names: string[]): Promise<NamedSecretRow[]> {
    if (names.length === 0) return [];
    return this.dataSource.query('SELECT * FROM named_secrets WHERE name = ANY($1::text[])', [
      names,
    ]);
  }

  /** Inserts, or (with `replace`) replaces the value of the row of that name. */
  async upsert(
    db: Db,
    row: Pick<NamedSecretRow, 'id' | 'name' | 'value_sealed' | 'hint' | 'description' | 'hosts'>,
  ): Promise<NamedSecretRow> {
    const rows: NamedSecretRow[] = await db.query(
      `INSERT INTO named_secrets (id, name, value_sealed, hint, description, hosts)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (name) DO UPDATE SET value_sealed = EXCLUDED.value_sealed, hint = EXCLUDED.hint,
         description = COALESCE(EXCLUDED.description, named_secrets.description),
         hosts = EXCLUDED.hosts, updated_at = now()
       RETURNING *`,
      [row.id, row.name, row.value_sealed, row.hint, row.description, JSON.stringify(row.hosts)],
    );
    return rows[0];
  }

  async remove(name: string): Promise<void> {
    await this.dataSource.query('DELETE FROM named_secrets WHERE name = $1', [name]);
  }

  /** Names and current definitions of live flows (to find which use a secret). */
  async currentDefinitions(): Promise<{ name: string; definition: { steps?: unknown[] } }[]> {
    return this.dataSource.query(
      `SELECT f.name, v.definition FROM flows f
       JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
       WHERE f.deleted_at IS NULL ORDER BY f.name`,
    );
  }
}
