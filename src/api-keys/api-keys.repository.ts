import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';

/** Lock id for the first-start bootstrap, so two processes never both mint a key. */
const BOOTSTRAP_LOCK = 7_140_002;

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  findByHash(hash: Buffer): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ hash });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ id });
  }

  list(includeRevoked: boolean): Promise<ApiKeyEntity[]> {
    return this.repo.find({
      where: includeRevoked ? {} : { revokedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
  }

  insert(
    values: Pick<ApiKeyEntity, 'name' | 'hash' | 'hint'> & Partial<Pick<ApiKeyEntity, 'role'>>,
    manager?: EntityManager,
  ) {
    const repo = manager ? manager.getRepository(ApiKeyEntity) : this.repo;
    return repo.save(repo.create(values));
  }

  async revoke(id: string): Promise<void> {
    await this.repo.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Writes last-used at most once a minute per key, so reads stay cheap. */
  async touch(id: string, now: Date): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: now })
      .where('id = :id', { id })
      .andWhere('(last_used_at IS NULL OR last_used_at < :cutoff)', {
        cutoff: new Date(now.getTime() - 60_000),
      })
      .execute();
  }

  /** Runs `work` under a transaction-scoped advisory lock shared by every process. */
  withBootstrapLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      return work(manager);
    });
  }
}
