import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  freePort,
  processesHolding,
  waitUntilReady,
  type FlowhubProcess,
} from '../support/flowhub-process.js';

/**
 * The README's `npm start`, stopped the way a supervisor or `timeout` stops it: one signal to
 * the npm process alone, none to its children. `--ignore-scripts` skips only the prestart
 * build (the suite's pretest built dist/ already); npm runs the start script as `npm start`
 * does, through the same shell.
 */
function npmStart(env: Record<string, string>): FlowhubProcess {
  const child = spawn('npm', ['start', '--ignore-scripts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

describe('npm start stops with npm', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'flowhub-npm-start-'));
  });
  afterEach(async () => {
    for (const pid of await processesHolding(dataDir)) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to the npm process alone leaves nothing running on the data dir within 10 s',
    async (signal) => {
      const port = await freePort();
      const npm = npmStart({ FLOWHUB_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' });
      await waitUntilReady(npm, port, 25_000);
      expect((await processesHolding(dataDir)).length).toBeGreaterThan(1);

      npm.child.kill(signal);
      const deadline = Date.now() + 10_000;
      let left = await processesHolding(dataDir);
      while (
        (left.length > 0 || existsSync(join(dataDir, 'pg', 'postmaster.pid'))) &&
        Date.now() < deadline
      ) {
        await sleep(100);
        left = await processesHolding(dataDir);
      }
      expect(left).toEqual([]);
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
      expect(npm.output()).toMatch(/Flowhub stopped/);
      await npm.exited;
    },
    45_000,
  );
});
