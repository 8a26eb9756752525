import type { DataSource } from 'typeorm';
import { secretContext } from '../connections/connections.service.js';
import { sealContext } from '../flows/catch-key.js';
import type { SecretBox } from './secret-box.js';

export interface RekeyReport {
  connectionSecrets: number;
  catchKeys: number;
}

/**
 * Re-encrypts every stored secret under the active (first) master key: connection secrets
 * and the sealed copies of catch keys. Run after putting a new key first in
 * FLOWHUB_MASTER_KEYS (or the data dir's master-keys file); the old key can be removed once
 * this reports success. Safe to run again: already-rotated values are left alone.
 */
export async function rekeySecrets(dataSource: DataSource, box: SecretBox): Promise<RekeyReport> {
  return dataSource.transaction(async (manager) => {
    let connectionSecrets = 0;
    const connections: { id: string; secrets: Record<string, string> }[] = await manager.query(
      'SELECT id, secrets FROM connections FOR UPDATE',
    );
    for (const { id, secrets } of connections) {
      const rotated = Object.fromEntries(
        Object.entries(secrets).map(([field, sealed]) => [
          field,
          box.rotate(sealed, secretContext(id, field)),
        ]),
      );
      const changed = Object.keys(secrets).filter(
        (field) => rotated[field] !== secrets[field],
      ).length;
      if (changed === 0) continue;
      connectionSecrets += changed;
      await manager.query('UPDATE connections SET secrets = $2 WHERE id = $1', [
        id,
        JSON.stringify(rotated),
      ]);
    }
    let catchKeys = 0;
    const flows: { id: string; catch_key_sealed: string }[] = await manager.query(
      'SELECT id, catch_key_sealed FROM flows FOR UPDATE',
    );
    for (const { id, catch_key_sealed: sealed } of flows) {
      const rotated = box.rotate(sealed, sealContext(id));
      if (rotated === sealed) continue;
      catchKeys += 1;
      await manager.query('UPDATE flows SET catch_key_sealed = $2 WHERE id = $1', [id, rotated]);
    }
    return { connectionSecrets, catchKeys };
  });
}
