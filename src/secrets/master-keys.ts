import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MasterKey } from './secret-box.js';

export const MASTER_KEY_FILE = 'master-keys';
export const MASTER_KEY_LIST_PATTERN =
  /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/;

/** Parses `<id>:<base64 32 bytes>,...` (already shape-checked by the config schema). */
export function parseMasterKeys(list: string): MasterKey[] {
  return list.split(',').map((entry) => {
    const [id, encoded] = entry.trim().split(':');
    return { id, key: Buffer.from(encoded, 'base64') };
  });
}

export function generateMasterKeyEntry(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/**
 * The embedded default keeps its master keys in `<dataDir>/master-keys` (mode 0600),
 * created on first start. A key file others can read is set back to 0600.
 */
export async function loadOrCreateKeyFile(dataDir: string): Promise<MasterKey[]> {
  const file = join(dataDir, MASTER_KEY_FILE);
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, `${generateMasterKeyEntry()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    await chmod(file, 0o600);
  }
  const content = (await readFile(file, 'utf8')).trim();
  if (!MASTER_KEY_LIST_PATTERN.test(content)) {
    throw new Error(
      `${file} is not a valid master key list (<id>:<base64 of 32 bytes>,...); ` +
        'restore it from a backup or, if no secrets were stored yet, delete it to make a new one',
    );
  }
  return parseMasterKeys(content);
}
