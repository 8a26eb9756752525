import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A real `node dist/src/main.js` process, as `npm start` runs it. */
export interface FlowhubProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function startFlowhub(env: Record<string, string>): FlowhubProcess {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Polls /health/ready until 200; throws with the process output after `ms`. */
export async function waitUntilReady(
  proc: FlowhubProcess,
  port: number,
  ms: number,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (proc.child.exitCode !== null) throw new Error(`Flowhub exited early:\n${proc.output()}`);
    const status = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return Date.now() - started;
    await sleep(50);
  }
  throw new Error(`not ready within ${ms} ms:\n${proc.output()}`);
}

/** PIDs of processes whose command line mentions `text` (e.g. a data dir). */
export async function processesMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(text)) pids.push(Number(entry));
  }
  return pids;
}

/** PIDs whose command line names `dataDir` or whose environment points FLOWHUB_DATA_DIR at it. */
export async function processesHolding(dataDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const read = (file: string) => readFile(`/proc/${entry}/${file}`, 'utf8').catch(() => '');
    const cmdline = await read('cmdline');
    const environ = (await read('environ')).split('\0');
    if (cmdline.includes(dataDir) || environ.includes(`FLOWHUB_DATA_DIR=${dataDir}`)) {
      pids.push(Number(entry));
    }
  }
  return pids;
}
