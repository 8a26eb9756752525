import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '../common/roles.js';

/** The key a live session was signed in with. */
export interface SessionKey {
  id: string;
  name: string;
  role: Role;
  expiresAt: Date;
}

/** console_sessions: only a token's hash is kept; a revoked key's sessions stop at once. */
@Injectable()
export class ConsoleSessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new session for key `apiKeyId`, lasting `ttlHours`; expired sessions are pruned. */
  async insert(tokenHash: Buffer, apiKeyId: string, ttlHours: number): Promise<Date> {
    await this.dataSource.query('DELETE FROM console_sessions WHERE expires_at < now()');
    const [row]: { expires_at: Date }[] = await this.dataSource.query(
      `INSERT INTO console_sessions (token_hash, api_key_id, expires_at)
       VALUES ($1, $2, now() + $3 * interval '1 hour') RETURNING expires_at`,
      [tokenHash, apiKeyId, ttlHours],
    );
    return row.expires_at;
  }

  /** The session's key while the session lasts and the key is not revoked. */
  async find(tokenHash: Buffer): Promise<SessionKey | undefined> {
    const rows: { id: string; name: string; role: Role; expires_at: Date }[] =
      await this.dataSource.query(
        `SELECT k.id, k.name, k.role, s.expires_at FROM console_sessions s
         JOIN api_keys k ON k.id = s.api_key_id
         WHERE s.token_hash = $1 AND s.expires_at > now() AND k.revoked_at IS NULL`,
        [tokenHash],
      );
    const row = rows[0];
    return row && { id: row.id, name: row.name, role: row.role, expiresAt: row.expires_at };
  }

  async remove(tokenHash: Buffer): Promise<void> {
    await this.dataSource.query('DELETE FROM console_sessions WHERE token_hash = $1', [tokenHash]);
  }
}
