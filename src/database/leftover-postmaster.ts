import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const OWNER_FILE = 'embedded-pg.owner';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const pid = Number.parseInt(text?.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Sends `signal`, then waits up to `timeoutMs` for the process to go away. */
export async function stopProcess(pid: number, signal: NodeJS.Signals, timeoutMs: number) {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(25);
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(25);
  }
}

/**
 * A Flowhub process that was killed (kill -9, OOM, power loss) leaves its embedded
 * postgres running, and the next start would fail on "lock file postmaster.pid already
 * exists". Stop such a leftover; refuse when a live Flowhub process still owns it.
 */
export async function clearLeftoverPostmaster(
  dataDir: string,
  clusterDir: string,
  warn: (message: string) => void,
): Promise<void> {
  const postmasterPid = await readPid(join(clusterDir, 'postmaster.pid'));
  if (postmasterPid === undefined || !isAlive(postmasterPid)) return;
  const ownerPid = await readPid(join(dataDir, OWNER_FILE));
  if (ownerPid !== undefined && ownerPid !== process.pid && isAlive(ownerPid)) {
    throw new Error(
      `The embedded database in ${clusterDir} is in use by another Flowhub process (pid ${ownerPid}). ` +
        'Stop that process first, or point this one at another FLOWHUB_DATA_DIR or a DATABASE_URL.',
    );
  }
  warn(
    `Stopping embedded Postgres left running by a previous Flowhub process (pid ${postmasterPid}) ` +
      'that did not shut down cleanly',
  );
  await stopProcess(postmasterPid, 'SIGINT', 10_000);
  await rm(join(dataDir, OWNER_FILE), { force: true });
}
