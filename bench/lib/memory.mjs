// Memory of a process tree without double-counting shared pages: the sum of each process's
// proportional set size (Pss, /proc/PID/smaps_rollup), where a page shared by n processes
// counts 1/n in each. The embedded default's tree is the Flowhub process, its PostgreSQL
// postmaster and every backend (they share the server's shared buffers).
import { readdir, readFile } from 'node:fs/promises';
import { clearInterval, setInterval } from 'node:timers';

/** The pids of `root` and all its descendants (from each process's parent in /proc/PID/stat). */
export async function processTree(root) {
  const parents = new Map();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(name), ppid);
  }
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents)
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
  }
  return [...tree];
}

async function pssKb(pid) {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const match = /^Pss:\s+(\d+) kB/m.exec(text);
  return match ? Number(match[1]) : 0;
}

/** The tree's memory now, in MB (of which `rootMb` the root's), and how many processes. */
export async function treePssMb(root) {
  const pids = await processTree(root);
  const kbs = await Promise.all(pids.map(pssKb));
  const mb = (kb) => Math.round(kb / 1024);
  const names = await Promise.all(
    pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')),
  );
  // Per process, largest first: where the memory is (the embedded server's backends name
  // their role in their command line, e.g. "postgres: checkpointer").
  const each = pids
    .map((pid, i) => ({
      pid,
      name: names[i].replaceAll('\0', ' ').trim().slice(0, 60),
      mb: kbs[i] / 1024,
    }))
    .sort((a, b) => b.mb - a.mb)
    .map((p) => ({ ...p, mb: Math.round(p.mb * 10) / 10 }));
  return {
    mb: mb(kbs.reduce((a, b) => a + b, 0)),
    rootMb: mb(kbs[0]),
    processes: pids.length,
    each,
  };
}

/** Samples the tree's Pss every `everyMs` until `stop()`, which answers the peak seen. */
export function pssPeak(root, everyMs = 1000) {
  let peak = { mb: 0, processes: 0 };
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    const now = await treePssMb(root).finally(() => (busy = false));
    if (now.mb > peak.mb) peak = now;
  };
  const timer = setInterval(() => void sample(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}
