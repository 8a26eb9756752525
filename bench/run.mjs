// `npm run bench`: the throughput bench (Flowhub vs a floor in the same run), then the boot
// bench; prints one table and writes the figures to bench/results/<time>.json.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatReport } from './lib/report.mjs';
import { formatProfile, profileBench } from './profile.bench.mjs';
import { formatRetention, FULL_RUN_RETENTION_RUNS, retentionBench } from './retention.bench.mjs';
import { throughputBench } from './throughput.bench.mjs';

const started = Date.now();
if (process.argv[2] === 'profile') {
  // `node bench/run.mjs profile`: where the time goes, embedded default vs Redis (issue 20).
  const profile = await profileBench();
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const file = `${dir}profile-${profile.startedAt.replace(/[:.]/g, '-')}.json`;
  await writeFile(file, `${JSON.stringify(profile, null, 2)}\n`);
  console.log(`${formatProfile(profile)}\n\nfigures: ${file}`);
  process.exit(0);
}
const alone = process.argv[2] === 'retention'; // `node bench/run.mjs retention`: that scenario only
const results = alone ? { startedAt: new Date().toISOString() } : await throughputBench();
const only = process.env.BENCH_ONLY;
if (alone || !only || only.includes('retention'))
  results.retention = await retentionBench(alone ? undefined : FULL_RUN_RETENTION_RUNS);
const boot = alone
  ? { stdout: '' }
  : spawnSync(process.execPath, [fileURLToPath(new URL('./boot.bench.mjs', import.meta.url))], {
      encoding: 'utf8',
      env: process.env,
    });
results.boot = boot.stdout.trim();
results.machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
results.durationS = Math.round((Date.now() - started) / 1000);
const dir = fileURLToPath(new URL('./results/', import.meta.url));
await mkdir(dir, { recursive: true });
const file = `${dir}${results.startedAt.replace(/[:.]/g, '-')}.json`;
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(alone ? formatRetention(results.retention) : formatReport(results));
if (!alone && results.retention) console.log(`\n${formatRetention(results.retention)}`);
console.log(`\nfigures: ${file} (${results.durationS} s)`);
