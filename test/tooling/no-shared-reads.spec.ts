import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A user's clone has nothing beside it: no code or test may read `../shared`. */
const SHARED = /(['"`/]|^)\.\.\/(\.\.\/)*shared\b/m;
const SELF = join('test', 'tooling', 'no-shared-reads.spec.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|js|mjs|cjs|json)$/.test(entry.name) ? [path] : [];
  });
}

describe('nothing reads ../shared', () => {
  it('the pattern catches the ways a path to ../shared is written', () => {
    for (const text of ["'../shared/samples/x.json'", 'join("../../shared")', '`../shared`']) {
      expect(text).toMatch(SHARED);
    }
    expect("'./shared/x'").not.toMatch(SHARED);
  });

  it('no file under src, plugins, test, scripts or bench names ../shared', () => {
    const files = ['src', 'plugins', 'test', 'scripts', 'bench'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter(
      (file) => file !== SELF && SHARED.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
