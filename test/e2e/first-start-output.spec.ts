import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  freePort,
  processesHolding,
  startFlowhub,
  waitUntilReady,
  type FlowhubProcess,
} from '../support/flowhub-process.js';

const KEY = /fh_[\w-]{43}/g;
const NEST_MAPPING = ['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer'];

/** `node dist/src/main.js` on a pseudo-terminal (util-linux `script`), as in a shell. */
function startOnTerminal(env: Record<string, string>): FlowhubProcess {
  const child = spawn('script', ['-qfec', 'exec node dist/src/main.js', '/dev/null'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk).replace(/\r/g, '')));
  child.stderr.on('data', (chunk) => (output += String(chunk).replace(/\r/g, '')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitForText(proc: FlowhubProcess, text: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!proc.output().includes(text) && Date.now() < deadline) await sleep(50);
  if (!proc.output().includes(text)) throw new Error(`no '${text}' in:\n${proc.output()}`);
}

/** SIGTERM to the Flowhub node process itself (under `script` it is not our child). */
async function stopFlowhub(dataDir: string): Promise<void> {
  for (const pid of await processesHolding(dataDir)) {
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (argv[1] === 'dist/src/main.js') process.kill(pid, 'SIGTERM');
  }
}

describe('the first start as a person sees it', () => {
  let dataDir: string;
  let port: number;
  let proc: FlowhubProcess | undefined;
  const env = () => ({ FLOWHUB_DATA_DIR: dataDir, PORT: String(port) });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'flowhub-first-start-'));
    port = await freePort();
  });
  afterEach(async () => {
    await stopFlowhub(dataDir);
    await proc?.exited;
    for (const pid of await processesHolding(dataDir)) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('on a terminal: a short readable screen that ends with the banner naming the key', async () => {
    proc = startOnTerminal(env());
    await waitForText(proc, 'revoke this one', 25_000);
    await sleep(300);
    const output = proc.output();
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeLessThan(25);
    expect(lines.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    expect(lines.filter((line) => NEST_MAPPING.some((name) => line.includes(name)))).toEqual([]);

    const banner = output.slice(output.lastIndexOf('Flowhub (all) is ready'));
    expect(banner).toMatch(new RegExp(`URL +http://[^\\s]+:${port}\\n`));
    expect(banner).toMatch(new RegExp(`API docs +http://[^\\s]+:${port}/docs\\n`));
    expect(banner).toContain(`Data dir   ${dataDir}`);
    // Without REDIS_URL the runs are queued on their own rows (docs/queue-modes.md).
    expect(banner).toContain('Queue      postgres (runs queued on their own rows)');
    const keys = output.match(KEY) ?? [];
    expect(keys).toHaveLength(1);
    expect(banner).toContain(`Admin key  ${keys[0]}`);
    expect(banner.trimEnd().endsWith('then revoke this one.')).toBe(true);
    const list = await fetch(`http://127.0.0.1:${port}/api/v1/api-keys`, {
      headers: { authorization: `Bearer ${keys[0]}` },
    });
    expect(list.status).toBe(200);
  }, 35_000);

  it('off a terminal: JSON lines, no Nest mapping at info, the key only outside them', async () => {
    proc = startFlowhub({ ...env(), LOG_LEVEL: 'info' });
    await waitUntilReady(proc, port, 25_000);
    await waitForText(proc, 'listening on', 5_000);
    const lines = proc.output().split('\n');
    const json = lines
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(json.length).toBeGreaterThan(3);
    expect(json.filter((entry) => NEST_MAPPING.includes(String(entry.context)))).toEqual([]);
    const key = proc.output().match(KEY)?.[0];
    expect(key).toBeDefined();
    expect(lines.filter((line) => line.startsWith('{') && line.includes(key!))).toEqual([]);
    const text = lines.filter((line) => line.trim() !== '' && !line.startsWith('{'));
    expect(text.length).toBeLessThanOrEqual(8); // only the key block
    // Its PostgreSQL runs with 32 MB of shared buffers and without the processes a small
    // deployment does not need (docs/performance.md, "The embedded default"): the server's
    // command line and its processes' titles, read from /proc.
    const children = async (pid: number) =>
      (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => ''))
        .split(' ')
        .filter(Boolean)
        .map(Number);
    const pids = await processesHolding(dataDir);
    for (const pid of [...pids]) pids.push(...(await children(pid)));
    const commands = (
      await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')))
    ).map((argv) => argv.split('\0').join(' '));
    expect(commands).toContainEqual(expect.stringMatching(/postgres .*-c shared_buffers=32MB/));
    expect(commands).toContainEqual(expect.stringMatching(/^postgres: checkpointer/));
    expect(commands.filter((title) => /io worker|logical replication/.test(title))).toEqual([]);
  }, 35_000);
});
