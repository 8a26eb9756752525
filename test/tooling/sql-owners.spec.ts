import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Production .ts files under `dir` (no specs, no __tests__). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = [...sources('src'), ...sources('plugins')].map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));

describe('who holds SQL', () => {
  it('only src/runs/state/ writes runs and run_steps', () => {
    const writes = /\b(UPDATE|INSERT INTO)\s+(runs|run_steps)\b/;
    const writers = files.filter((f) => writes.test(f.text)).map((f) => f.path);
    expect(writers.length).toBeGreaterThan(2);
    expect(writers.filter((path) => !path.startsWith('src/runs/state/'))).toEqual([]);
  });

  it('only src/runs/state/ and retention (src/retention/) delete runs, steps and requests', () => {
    const deletes = /\bDELETE FROM\s+(runs|run_steps|inbound_requests)\b/;
    const deleters = files.filter((f) => deletes.test(f.text)).map((f) => f.path);
    expect(deleters).toContain('src/retention/retention.sql.ts');
    expect(
      deleters.filter((p) => !p.startsWith('src/runs/state/') && !p.startsWith('src/retention/')),
    ).toEqual([]);
  });

  it('services, controllers, processors and jobs run no query of their own', () => {
    const roles = /\.(service|controller|processor|job)\.ts$/;
    const querying = files
      .filter((f) => roles.test(f.path) && /\.query\(|queryPrepared\(/.test(f.text))
      .map((f) => f.path);
    expect(querying).toEqual([]);
  });
});
