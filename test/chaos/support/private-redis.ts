import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../support/flowhub-process.js';

/** A redis-server of the chaos suite's own, on a free port, that it may kill -9. */
export interface PrivateRedis {
  url: string;
  /** SIGKILL; with `persistent` (AOF, fsync always) its data survives the restart. */
  kill(): Promise<void>;
  start(options?: { persistent?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

export async function startPrivateRedis(persistent = false): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'flowhub-chaos-redis-'));
  let child: ChildProcess | undefined;

  const start = async (options: { persistent?: boolean } = { persistent }) => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
    args.push('--maxmemory-policy', 'noeviction', '--protected-mode', 'no');
    if (options.persistent) args.push('--appendonly', 'yes', '--appendfsync', 'always');
    else args.push('--appendonly', 'no');
    if (!options.persistent) await rm(join(dir, 'appendonlydir'), { recursive: true, force: true });
    const proc = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      proc.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (/Ready to accept connections/i.test(output)) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
    });
    proc.stdout!.resume();
  };
  const kill = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    async stop() {
      await kill();
      await sleep(10);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
