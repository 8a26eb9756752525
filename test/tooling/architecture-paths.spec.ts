import { existsSync, readFileSync } from 'node:fs';

/** docs/architecture.md lists the catch and worker paths file by file: the list must be the code. */
const doc = readFileSync('docs/architecture.md', 'utf8');

function section(title: string): string {
  const start = doc.indexOf(`## ${title}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 3);
  return doc.slice(start, end === -1 ? undefined : end);
}

/** The numbered items' first path, as `src/...` or `packages/...`. */
function listedFiles(text: string): string[] {
  return [...text.matchAll(/^\d+\. `((?:src|plugins|packages)\/[^`]+)`/gm)].map((m) => m[1]);
}

describe('docs/architecture.md', () => {
  it.each(['The catch path', 'The worker path'])(
    '%s: at most 8 files, each one exists',
    (title) => {
      const files = listedFiles(section(title));
      expect(files.length).toBeGreaterThanOrEqual(5);
      expect(files.length).toBeLessThanOrEqual(8);
      for (const file of files)
        expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
    },
  );

  it('the catch controller reaches runs/ only through files the catch path names', () => {
    const text = section('The catch path');
    const named = new Set([...text.matchAll(/`(src\/[^`]+)`/g)].map((m) => m[1]));
    const controller = readFileSync('src/catch/catch.controller.ts', 'utf8');
    const intoRuns = [...controller.matchAll(/from '\.\.\/runs\/([^']+)\.js'/g)].map(
      (m) => `src/runs/${m[1]}.ts`,
    );
    expect(intoRuns.length).toBeGreaterThan(0);
    expect(intoRuns.filter((file) => !named.has(file))).toEqual([]);
  });

  it('every path named in backticks in the layer table exists', () => {
    const table = section('Layers');
    const paths = [...table.matchAll(/`((?:src|packages|plugins)\/[^`]*)`/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(10);
    const missing = paths.filter((p) => !existsSync(p.replace(/\/$/, '')));
    expect(missing).toEqual([]);
  });
});
