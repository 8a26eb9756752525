import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A user's clone has nothing beside it: no code or test may read the notes folder next to it. */
const SHARED = /(['"`/]|^)\.\.\/(\.\.\/)*shared\b/m;
/** The folder's name, spelled apart so this file names no path to it and needs no exception. */
const NAME = ['sha', 'red'].join('');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|js|mjs|cjs|json)$/.test(entry.name) ? [path] : [];
  });
}

describe('nothing reads the folder beside the clone', () => {
  it('the pattern catches the ways a path to that folder is written', () => {
    for (const text of [`'../${NAME}/samples/x.json'`, `join("../../${NAME}")`, `\`../${NAME}\``]) {
      expect(text).toMatch(SHARED);
    }
    expect(`'./${NAME}/x'`).not.toMatch(SHARED);
  });

  it('no file under src, plugins, test, scripts or bench names a path to it', () => {
    const files = ['src', 'plugins', 'test', 'scripts', 'bench'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((file) => SHARED.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
