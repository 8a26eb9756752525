import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from './entities.js';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Production files under src/ that declare a TypeORM entity (`@Entity(`). */
function entityFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : entityFiles(path);
    const source = entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts');
    return source && /@Entity\(/.test(readFileSync(path, 'utf8')) ? [path] : [];
  });
}

describe('ENTITIES', () => {
  it("lists every feature's entity, so the app and the migration CLI map the same tables", async () => {
    const files = entityFiles();
    expect(files.length).toBeGreaterThanOrEqual(ENTITIES.length);
    for (const file of files) await import(pathToFileURL(file).href);
    const listed = new Set<unknown>(ENTITIES);
    const missing = getMetadataArgsStorage()
      .tables.map((table) => table.target)
      .filter((target) => !listed.has(target))
      .map((target) => (typeof target === 'string' ? target : target.name));
    expect(missing).toEqual([]);
    expect(listed.size).toBe(ENTITIES.length);
  });
});
