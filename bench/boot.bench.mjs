// Boot-time benchmark: how long `node dist/src/main.js` takes to answer 200 on
// /health/ready, on a fresh data dir (initdb) and on an existing one, as ratios against a
// floor measured in the same run: a bare Fastify server answering its first request.
// Run with `npm run bench` (builds first). Prints; asserts nothing.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function timeUntilOk(args, env, path) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), ...env },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}${path}`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await sleep(10);
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const FLOOR = [
  '--input-type=module',
  '-e',
  "import Fastify from 'fastify'; const app = Fastify(); app.get('/', async () => 'ok'); await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });",
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const floors = [];
const cold = [];
const warm = [];
for (let run = 0; run < RUNS; run += 1) {
  floors.push(await timeUntilOk(FLOOR, {}, '/'));
  const dataDir = await mkdtemp(join(tmpdir(), 'flowhub-bench-'));
  await chmod(dataDir, 0o711);
  const env = { FLOWHUB_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  cold.push(await timeUntilOk(['dist/src/main.js'], env, '/health/ready'));
  warm.push(await timeUntilOk(['dist/src/main.js'], env, '/health/ready'));
  await rm(dataDir, { recursive: true, force: true });
}

const floor = median(floors);
const row = (name, values) =>
  `${name.padEnd(34)} ${median(values).toFixed(0).padStart(6)} ms   ${(median(values) / floor).toFixed(1).padStart(5)}x floor`;
console.log(`boot to ready, median of ${RUNS} runs`);
console.log(row('floor: bare Fastify first response', floors));
console.log(row('Flowhub, fresh data dir (initdb)', cold));
console.log(row('Flowhub, existing data dir', warm));
console.log(`warm/cold ratio: ${(median(warm) / median(cold)).toFixed(2)}`);
