import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** connections.token_cache: a connection's sealed OAuth2 token, shared by every process. */
@Injectable()
export class TokenCacheRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` holding the connection's token lock (one refresh at a time across processes). */
  locked<T>(id: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`oauth:${id}`]);
      return work(manager);
    });
  }

  async read(id: string, manager?: EntityManager): Promise<string | null> {
    const db = manager ?? this.dataSource;
    const [row] = (await db.query('SELECT token_cache FROM connections WHERE id = $1', [id])) as {
      token_cache: string | null;
    }[];
    return row?.token_cache ?? null;
  }

  async write(id: string, sealed: string | null, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource).query(
      'UPDATE connections SET token_cache = $2 WHERE id = $1',
      [id, sealed],
    );
  }
}
