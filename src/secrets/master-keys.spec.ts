import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateKeyFile, MASTER_KEY_FILE, parseMasterKeys } from './master-keys.js';

describe('master keys', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowhub-keys-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('parses a key list, first key first', () => {
    const a = Buffer.alloc(32, 1).toString('base64');
    const b = Buffer.alloc(32, 2).toString('base64');
    const keys = parseMasterKeys(`new:${b},old:${a}`);
    expect(keys.map((k) => k.id)).toEqual(['new', 'old']);
    expect(keys[0].key.equals(Buffer.alloc(32, 2))).toBe(true);
  });

  it('creates a 0600 key file once and reads the same key afterwards', async () => {
    const dir = await tempDir();
    const first = await loadOrCreateKeyFile(dir);
    const second = await loadOrCreateKeyFile(dir);
    expect(first).toHaveLength(1);
    expect(second[0].key.equals(first[0].key)).toBe(true);
    expect((await stat(join(dir, MASTER_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, MASTER_KEY_FILE), 'utf8')).toMatch(/^k1:[A-Za-z0-9+/]{43}=\n$/);
  });

  it('tightens a key file that others can read', async () => {
    const dir = await tempDir();
    await loadOrCreateKeyFile(dir);
    await chmod(join(dir, MASTER_KEY_FILE), 0o644);
    await loadOrCreateKeyFile(dir);
    expect((await stat(join(dir, MASTER_KEY_FILE))).mode & 0o777).toBe(0o600);
  });

  it('refuses a corrupted key file with a message that says what to do', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, MASTER_KEY_FILE), 'garbage', { mode: 0o600 });
    await expect(loadOrCreateKeyFile(dir)).rejects.toThrow(/not a valid master key list/);
  });
});
