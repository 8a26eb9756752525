/** One line of a line diff: in both texts, only in the new one, or only in the old one. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** 1-based line number in the old text (same, removed). */
  oldLine?: number;
  /** 1-based line number in the new text (same, added). */
  newLine?: number;
}

/** A run of unchanged lines left out of the shown diff. */
export interface Skipped {
  kind: 'skipped';
  count: number;
}

/** Beyond this many differences the diff is "everything removed, everything added". */
const MAX_EDITS = 4000;

/**
 * Myers' O(ND) shortest edit script: for each number of edits d, the furthest x reached
 * on each diagonal k = x - y. Returns the snapshots of v (one per d) for the backtrack.
 */
function editTrace(a: string[], b: string[]): Int32Array[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return trace;
    }
  }
  return undefined;
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): DiffLine[] {
  const offset = (trace[0].length - 3) / 2 + 1;
  const lines: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      lines.push({ kind: 'same', text: a[x - 1], oldLine: x, newLine: y });
      x--;
      y--;
    }
    if (d > 0 && x === prevX) lines.push({ kind: 'added', text: b[y - 1], newLine: y });
    else if (d > 0) lines.push({ kind: 'removed', text: a[x - 1], oldLine: x });
    x = prevX;
    y = prevY;
  }
  return lines.reverse();
}

/** The line diff of two texts: the fewest added and removed lines (Myers), in order. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const trace = editTrace(a, b);
  if (trace) return backtrack(a, b, trace);
  return [
    ...a.map((text, i): DiffLine => ({ kind: 'removed', text, oldLine: i + 1 })),
    ...b.map((text, i): DiffLine => ({ kind: 'added', text, newLine: i + 1 })),
  ];
}

/** How many lines were added and removed. */
export function diffStats(lines: DiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.kind === 'added').length,
    removed: lines.filter((l) => l.kind === 'removed').length,
  };
}

/**
 * The lines to show: every change with `context` unchanged lines around it; longer runs of
 * unchanged lines become one "skipped" marker.
 */
export function withContext(lines: DiffLine[], context = 3): (DiffLine | Skipped)[] {
  const near = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++)
      near[j] = true;
  });
  const shown: (DiffLine | Skipped)[] = [];
  lines.forEach((line, i) => {
    if (near[i]) return shown.push(line);
    const last = shown[shown.length - 1];
    if (last?.kind === 'skipped') last.count++;
    else shown.push({ kind: 'skipped', count: 1 });
  });
  return shown;
}
