import type { DataSource, EntityManager } from 'typeorm';
import { secretContext } from '../connections/connections.service.js';
import { sealContext } from '../flows/catch-key.js';
import { verifySealContext } from '../flows/verify-secrets.js';
import { namedSecretContext } from '../named-secrets/named-secret-context.js';
import { webhookSecretContext } from '../webhooks/subscription-secrets.service.js';
import type { SecretBox } from '../secrets/secret-box.js';

export interface RekeyReport {
  connectionSecrets: number;
  catchKeys: number;
  verifySecrets: number;
  webhookSecrets: number;
  namedSecrets: number;
}

/**
 * Re-encrypts every stored secret under the active (first) master key: connection secrets,
 * the sealed copies of catch keys and trigger.verify secrets, webhook and named secrets. Run after putting a new key first in
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
    let verifySecrets = 0;
    const flows: { id: string; catch_key_sealed: string; verify_secrets_sealed: string | null }[] =
      await manager.query(
        'SELECT id, catch_key_sealed, verify_secrets_sealed FROM flows FOR UPDATE',
      );
    for (const { id, catch_key_sealed: sealed, verify_secrets_sealed: verify } of flows) {
      const rotated = box.rotate(sealed, sealContext(id));
      const rotatedVerify = verify && box.rotate(verify, verifySealContext(id));
      if (rotated === sealed && rotatedVerify === verify) continue;
      if (rotated !== sealed) catchKeys += 1;
      if (rotatedVerify !== verify) verifySecrets += 1;
      await manager.query(
        'UPDATE flows SET catch_key_sealed = $2, verify_secrets_sealed = $3 WHERE id = $1',
        [id, rotated, rotatedVerify],
      );
    }
    const webhookSecrets = await rekeyWebhookSecrets(manager, box);
    const namedSecrets = await rekeyNamedSecrets(manager, box);
    return { connectionSecrets, catchKeys, verifySecrets, webhookSecrets, namedSecrets };
  });
}

/** Outgoing webhook subscriptions: the current secret and the previous one in its grace period. */
async function rekeyWebhookSecrets(manager: EntityManager, box: SecretBox): Promise<number> {
  let changed = 0;
  const rows: { id: string; secret_sealed: string; previous_secret_sealed: string | null }[] =
    await manager.query(
      'SELECT id, secret_sealed, previous_secret_sealed FROM webhook_subscriptions FOR UPDATE',
    );
  for (const { id, secret_sealed: current, previous_secret_sealed: previous } of rows) {
    const rotated = box.rotate(current, webhookSecretContext(id));
    const rotatedPrevious = previous && box.rotate(previous, webhookSecretContext(id));
    if (rotated === current && rotatedPrevious === previous) continue;
    changed += 1;
    await manager.query(
      'UPDATE webhook_subscriptions SET secret_sealed = $2, previous_secret_sealed = $3 WHERE id = $1',
      [id, rotated, rotatedPrevious],
    );
  }
  return changed;
}

/** Named secrets (`$secrets.NAME`). */
async function rekeyNamedSecrets(manager: EntityManager, box: SecretBox): Promise<number> {
  let changed = 0;
  const rows: { name: string; value_sealed: string }[] = await manager.query(
    'SELECT name, value_sealed FROM named_secrets FOR UPDATE',
  );
  for (const { name, value_sealed: sealed } of rows) {
    const rotated = box.rotate(sealed, namedSecretContext(name));
    if (rotated === sealed) continue;
    changed += 1;
    await manager.query('UPDATE named_secrets SET value_sealed = $2 WHERE name = $1', [
      name,
      rotated,
    ]);
  }
  return changed;
}
