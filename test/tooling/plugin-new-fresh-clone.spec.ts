import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The generator's promise, kept as a user meets it: in a fresh clone (the repository's files
 * and an installed node_modules, no dist/, no DATABASE_URL), `npm run plugin:new -- demo`
 * followed by the test command the generator prints and docs/writing-a-plugin.md shows passes.
 * The copy lives in a temporary folder, so the real plugins/ is never touched.
 */
describe('plugin:new then its documented test command, in a fresh clone', () => {
  let clone: string;

  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'flowhub-fresh-plugin-'));
    // an embedded PostgreSQL runs as the OS user postgres, which must be able to enter it
    chmodSync(root, 0o755);
    clone = join(root, 'flowhub');
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
      encoding: 'utf8',
    });
    for (const file of files.split('\0').filter(Boolean)) {
      if (!existsSync(file)) continue; // deleted in the work tree, not yet committed
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      cpSync(file, join(clone, file));
    }
    // as `npm ci` installs it: the packages, and the workspace SDK linked to the clone's own copy
    mkdirSync(join(clone, 'node_modules', '@flowhub'), { recursive: true });
    for (const entry of readdirSync('node_modules').filter((name) => name !== '@flowhub'))
      symlinkSync(resolve('node_modules', entry), join(clone, 'node_modules', entry));
    symlinkSync(
      join(clone, 'packages', 'plugin-sdk'),
      join(clone, 'node_modules', '@flowhub', 'plugin-sdk'),
      'dir',
    );
  });

  afterAll(() => rmSync(dirname(clone), { recursive: true, force: true }));

  const env = () => {
    const vars: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(vars)) {
      if (/^(npm_|JEST_|DATABASE_URL$|REDIS_URL$|FLOWHUB_TEST_)/.test(name)) delete vars[name];
    }
    return vars;
  };
  const run = (command: string) => {
    const [file, ...args] = command.split(' ');
    const result = spawnSync(file, args, {
      cwd: clone,
      env: env(),
      encoding: 'utf8',
      timeout: 240_000,
    });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  };

  it('scaffolds demo and its test passes with the printed, documented command', () => {
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    expect(existsSync(join(clone, 'packages', 'plugin-sdk', 'dist'))).toBe(false);
    const scaffolded = run('npm run plugin:new -- demo');
    expect(scaffolded).toMatchObject({ status: 0 });

    const printed = /^\s*(npm test -- \S+)$/m.exec(scaffolded.output)?.[1];
    const guide = readFileSync(join(clone, 'docs/writing-a-plugin.md'), 'utf8');
    const documented = /plugin's test with[\s\S]*?```bash\n([^\n]+)\n```/.exec(guide)?.[1];
    expect(printed).toBe('npm test -- plugins/demo');
    expect(documented?.replace('acme-crm', 'demo')).toBe(printed);

    const tested = run(printed as string);
    // on failure, the whole output says why (a missing dist/, a failing fixture, ...)
    expect(tested).toMatchObject({ status: 0 });
    expect(tested.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(tested.output).toContain('plugins/demo/__tests__/echo.action.spec.ts');
  }, 300_000);
});
