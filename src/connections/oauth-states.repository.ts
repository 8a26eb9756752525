import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface PendingAuthorization {
  plugin: string;
  name: string;
  fieldsSealed: string;
}

/** oauth_states: a sign-in in progress, kept by its state's hash and used at most once. */
@Injectable()
export class OAuthStatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(stateHash: Buffer, pending: PendingAuthorization, ttlMinutes: number) {
    await this.dataSource.query('DELETE FROM oauth_states WHERE expires_at < now()');
    const [row]: { expires_at: Date }[] = await this.dataSource.query(
      `INSERT INTO oauth_states (state_hash, plugin, name, fields_sealed, expires_at)
       VALUES ($1, $2, $3, $4, now() + $5 * interval '1 minute') RETURNING expires_at`,
      [stateHash, pending.plugin, pending.name, pending.fieldsSealed, ttlMinutes],
    );
    return row.expires_at;
  }

  /** Takes the pending sign-in (deleting it), if it exists and has not expired. */
  async take(stateHash: Buffer): Promise<PendingAuthorization | undefined> {
    const [rows]: [{ plugin: string; name: string; fields_sealed: string; live: boolean }[]] =
      await this.dataSource.query(
        `DELETE FROM oauth_states WHERE state_hash = $1
         RETURNING plugin, name, fields_sealed, expires_at > now() AS live`,
        [stateHash],
      );
    const row = rows[0];
    return row?.live
      ? { plugin: row.plugin, name: row.name, fieldsSealed: row.fields_sealed }
      : undefined;
  }
}
