import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * scripts/check-deps.mjs, the import-rule check of `npm run check`: the real tree passes, and
 * each kind of violation fails with the file and the rule named. Violations are added to a
 * temporary copy of src/, plugins/ and packages/ (one copy; each test restores what it changed).
 */
describe('dependency rules (scripts/check-deps.mjs)', () => {
  let root: string;
  let restores: (() => void)[] = [];

  const check = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['scripts/check-deps.mjs', ...args], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const checkCopy = () => check('--root', root);

  /** Writes a file in the copy; undone after the test. */
  const write = (path: string, text: string) => {
    const file = join(root, path);
    let before: string | undefined;
    try {
      before = readFileSync(file, 'utf8');
    } catch {
      before = undefined;
    }
    restores.push(() => (before === undefined ? rmSync(file) : writeFileSync(file, before)));
    writeFileSync(file, text);
  };
  const prepend = (path: string, line: string) =>
    write(path, `${line}\n${readFileSync(join(root, path), 'utf8')}`);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'flowhub-check-deps-'));
    cpSync('src', join(root, 'src'), { recursive: true });
    cpSync('plugins', join(root, 'plugins'), { recursive: true });
    cpSync('packages/plugin-sdk/src', join(root, 'packages/plugin-sdk/src'), { recursive: true });
  });
  afterEach(() => {
    for (const restore of restores.reverse()) restore();
    restores = [];
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('passes on the real tree, with a one-line summary', () => {
    const result = check();
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/no new violations/);
  });

  it('passes on an unchanged copy', () => {
    expect(checkCopy()).toMatchObject({ status: 0 });
  });

  it("fails when a plugin imports the host's internals", () => {
    prepend('plugins/core/index.ts', "import '../../src/runs/runs.service.js';");
    const result = checkCopy();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'plugins/core/index.ts -> src/runs/runs.service.ts: plugins-on-sdk-only:',
    );
  });

  it('fails when src/engine imports anything of ours outside it, even a type', () => {
    prepend('src/engine/suggest.ts', "import type { ApiLink } from '../common/links.js';");
    const result = checkCopy();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'src/engine/suggest.ts -> src/common/links.ts: engine-is-self-contained:',
    );
    expect(result.stderr).toContain('src/engine/suggest.ts -> src/common/links.ts: layer-order:');
  });

  it('fails on a new cycle and reports it once', () => {
    write('src/engine/cycle-a.ts', "export { b } from './cycle-b.js';\nexport const a = 1;\n");
    write('src/engine/cycle-b.ts', "export const b = () => import('./cycle-a.js');\n");
    const result = checkCopy();
    expect(result.status).toBe(1);
    const cycle = 'src/engine/cycle-a.ts -> src/engine/cycle-b.ts -> src/engine/cycle-a.ts';
    expect(result.stderr.split(cycle)).toHaveLength(2);
    expect(result.stderr).toContain(`${cycle}: no-cycles:`);
  });

  it('fails when a feature imports a feature above it (index.js resolves to index.ts)', () => {
    write(
      'src/metrics/late.ts',
      "export * from '../../plugins';\nexport * from '../runs/run-views.js';\n",
    );
    const result = checkCopy();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('src/metrics/late.ts -> src/runs/run-views.ts: layer-order:');
    expect(result.stderr).not.toContain('plugins/index.ts: layer-order');
  });

  it('fails when a plugin reaches the SDK by path instead of as @flowhub/plugin-sdk', () => {
    prepend('plugins/core/index.ts', "import '../../packages/plugin-sdk/src/index.js';");
    const result = checkCopy();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'plugins/core/index.ts -> packages/plugin-sdk/src/index.ts: plugins-on-sdk-only:',
    );
  });

  it('fails when the SDK package imports anything of ours outside it', () => {
    prepend('packages/plugin-sdk/src/errors.ts', "import '../../../src/engine/step-errors.js';");
    const result = checkCopy();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'packages/plugin-sdk/src/errors.ts -> src/engine/step-errors.ts: plugin-sdk-is-self-contained:',
    );
  });

  it('lets the Zoho plugins share plugins/zoho-shared/, and no other plugin use it', () => {
    prepend('plugins/zoho-inventory/index.ts', "import '../zoho-shared/zoho.js';");
    expect(checkCopy()).toMatchObject({ status: 0 });
    prepend('plugins/http/index.ts', "import '../zoho-shared/zoho.js';");
    const result = checkCopy();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'plugins/http/index.ts -> plugins/zoho-shared/zoho.ts: plugins-on-sdk-only:',
    );
    expect(result.stderr).not.toContain('plugins/zoho-inventory/index.ts ->');
  });

  it('lets test code import anything, but keeps plugin tests to the SDK and their helpers', () => {
    write('src/metrics/late.spec.ts', "import '../runs/run-views.js';\n");
    expect(checkCopy()).toMatchObject({ status: 0 });
    write('plugins/core/__tests__/late.spec.ts', "import '../../../src/runs/run-views.js';\n");
    const result = checkCopy();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'plugins/core/__tests__/late.spec.ts -> src/runs/run-views.ts: plugin-tests-use-sdk:',
    );
  });

  it('fails on a known violation that no longer exists', () => {
    copyFileSync('dependency-rules.mjs', join(root, 'dependency-rules.mjs'));
    restores.push(() => rmSync(join(root, 'dependency-rules.mjs')));
    appendFileSync(
      join(root, 'dependency-rules.mjs'),
      "knownViolations['layer-order'] = { 'src/metrics/gone.ts -> src/runs/run.entity.ts': 'stale' };\n",
    );
    const result = checkCopy();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'src/metrics/gone.ts -> src/runs/run.entity.ts: layer-order: this known violation no longer exists (remove it from knownViolations',
    );
  });
});
