import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * `npm run plugin:new` (scripts/plugin-new.mjs), run against a temporary plugins folder and
 * a copy of plugins/index.ts: the real plugins/ is never touched. No tsc here (slow): the
 * generated code is checked by hand with prettier, eslint and tsc when the templates change.
 */
describe('npm run plugin:new', () => {
  let work: string;
  let pluginsDir: string;
  let indexFile: string;
  let original: string;

  const scaffold = (...args: string[]) => {
    const result = spawnSync(
      process.execPath,
      ['scripts/plugin-new.mjs', ...args, '--plugins-dir', pluginsDir, '--index', indexFile],
      { encoding: 'utf8', timeout: 10_000 },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const read = (...path: string[]) => readFileSync(join(pluginsDir, ...path), 'utf8');

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'flowhub-plugin-new-'));
    pluginsDir = join(work, 'plugins');
    mkdirSync(pluginsDir);
    indexFile = join(pluginsDir, 'index.ts');
    copyFileSync('plugins/index.ts', indexFile);
    original = readFileSync(indexFile, 'utf8');
  });

  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('creates the plugin folder and registers it in the index', () => {
    const name = `demo-${randomBytes(3).toString('hex')}`;
    const identifier = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    const result = scaffold(name);
    expect(result).toMatchObject({ status: 0 }); // on failure, shows stderr too
    expect(result.stdout).toMatch(/Next steps:/);

    for (const file of [
      'index.ts',
      'actions/echo.action.ts',
      'README.md',
      '__tests__/echo.action.spec.ts',
      '__tests__/fixtures/echo.json',
    ]) {
      expect(existsSync(join(pluginsDir, name, file))).toBe(true);
    }
    const plugin = read(name, 'index.ts');
    expect(plugin).toContain(`export const ${identifier} = definePlugin({`);
    expect(plugin).toContain(`name: '${name}',`);
    expect(plugin).toContain(`version: '1.0.0',`);
    expect(plugin).toContain('actions: { echo },');
    expect(read(name, 'actions/echo.action.ts')).toMatch(/sideEffects: false,/);
    expect(read(name, '__tests__/echo.action.spec.ts')).toContain(
      "from '../../__tests__/action-context.js'",
    );
    expect(read(name, '__tests__/echo.action.spec.ts')).toContain(
      "import { runActionFixture, type ActionFixture } from '@flowhub/plugin-sdk/testing';",
    );
    for (const file of ['index.ts', 'actions/echo.action.ts', '__tests__/echo.action.spec.ts'])
      expect(read(name, file)).not.toContain('src/plugin-sdk');
    expect(read(name, 'index.ts')).toContain("import { definePlugin } from '@flowhub/plugin-sdk';");
    const fixture = JSON.parse(read(name, '__tests__/fixtures/echo.json'));
    const { url, message } = fixture.input;
    expect(fixture).toEqual({
      input: { url: expect.stringMatching(/^https:\/\//), message: expect.any(String) },
      http: [
        {
          request: { method: 'POST', url, body: { message } },
          response: {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: { message },
          },
        },
      ],
      expected: { message },
    });
    expect(read(name, 'README.md')).toContain(`## ${name}.echo`);

    const index = readFileSync(indexFile, 'utf8');
    expect(index).toContain(`import { ${identifier} } from './${name}/index.js';\n`);
    const list = /BUILT_IN_PLUGINS: PluginDefinition\[\] = \[([^\]]*)\]/.exec(index)?.[1] ?? '';
    const registered = list
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    expect(registered.at(-1)).toBe(identifier);
    expect(registered).toEqual(expect.arrayContaining(['core', 'http']));
    const kept = original.split('\n').filter((line) => !line.includes('BUILT_IN_PLUGINS'));
    expect(index.split('\n')).toEqual(expect.arrayContaining(kept));
  });

  it.each(['Acme', 'acme_crm', 'acme--crm', '1acme', 'acme-', 'acme.crm'])(
    'refuses the name %j and writes nothing',
    (name) => {
      const result = scaffold(name);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('plugin name must be kebab-case, e.g. acme-crm');
      expect(readdirSync(pluginsDir)).toEqual(['index.ts']);
      expect(readFileSync(indexFile, 'utf8')).toBe(original);
    },
  );

  it('refuses a name that already has a folder', () => {
    mkdirSync(join(pluginsDir, 'acme-crm'));
    const result = scaffold('acme-crm');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/plugin 'acme-crm' already exists/);
    expect(readdirSync(join(pluginsDir, 'acme-crm'))).toEqual([]);
    expect(readFileSync(indexFile, 'utf8')).toBe(original);
  });

  it('refuses to scaffold the same plugin twice', () => {
    const name = `demo-${randomBytes(3).toString('hex')}`;
    expect(scaffold(name).status).toBe(0);
    const registered = readFileSync(indexFile, 'utf8');
    const again = scaffold(name);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`plugin '${name}' already exists`));
    expect(readFileSync(indexFile, 'utf8')).toBe(registered);
  });

  it('prints and documents a plugin test command that builds dist/ first (fresh clone)', () => {
    const name = `demo-${randomBytes(3).toString('hex')}`;
    const result = scaffold(name);
    expect(result.status).toBe(0);
    const printed = /^\s*(npm test -- \S+)$/m.exec(result.stdout)?.[1];
    expect(printed).toBe(`npm test -- ${relative(process.cwd(), join(pluginsDir, name))}`);
    const guide = readFileSync('docs/writing-a-plugin.md', 'utf8');
    const documented = /plugin's test with[\s\S]*?```bash\n([^\n]+)\n```/.exec(guide)?.[1];
    expect(documented).toBe('npm test -- plugins/acme-crm');
    // the global setup imports dist/: `npm test` builds it first (pretest), jest alone does not
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
    expect(scripts.pretest).toBe('npm run build');
    expect(guide).not.toMatch(/^node --experimental-vm-modules node_modules\/jest\S* plugins\//m);
  });

  it('asks for a name when none is given', () => {
    const result = scaffold();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('a plugin name is required');
    expect(result.stderr).toContain('usage: npm run plugin:new -- <name>');
  });

  it('prints the files with --dry-run and writes nothing', () => {
    const result = scaffold('acme-crm', '--dry-run');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(join(pluginsDir, 'acme-crm', 'actions', 'echo.action.ts'));
    expect(result.stdout).toContain("import { acmeCrm } from './acme-crm/index.js';");
    expect(result.stdout).toContain('Dry run: nothing was written.');
    expect(readdirSync(pluginsDir)).toEqual(['index.ts']);
    expect(readFileSync(indexFile, 'utf8')).toBe(original);
  });
});
