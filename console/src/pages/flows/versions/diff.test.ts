import { describe, expect, it } from 'vitest';
import { diffLines, diffStats, withContext, type DiffLine } from './diff';

/** The diff as `  same`, `+ added`, `- removed` lines. */
const show = (lines: DiffLine[]) =>
  lines.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'} ${l.text}`);

/** Both texts rebuilt from the diff: the old one from same+removed, the new one from same+added. */
function rebuild(lines: DiffLine[]) {
  return {
    before: lines.filter((l) => l.kind !== 'added').map((l) => l.text),
    after: lines.filter((l) => l.kind !== 'removed').map((l) => l.text),
  };
}

describe('diffLines', () => {
  it('marks a changed line as removed then added, and keeps the rest', () => {
    expect(show(diffLines('a\nb\nc', 'a\nB\nc'))).toEqual(['  a', '- b', '+ B', '  c']);
  });

  it('finds the shortest edit: one insertion, not a rewrite', () => {
    const lines = diffLines('a\nb\nc\nd', 'a\nb\nx\nc\nd');
    expect(show(lines)).toEqual(['  a', '  b', '+ x', '  c', '  d']);
    expect(diffStats(lines)).toEqual({ added: 1, removed: 0 });
  });

  it('handles empty texts on either side and identical texts', () => {
    expect(show(diffLines('', 'a\nb'))).toEqual(['+ a', '+ b']);
    expect(show(diffLines('a\nb', ''))).toEqual(['- a', '- b']);
    expect(diffLines('', '')).toEqual([]);
    expect(diffStats(diffLines('x\ny', 'x\ny'))).toEqual({ added: 0, removed: 0 });
  });

  it('numbers the lines of each side', () => {
    const lines = diffLines('a\nb\nc', 'a\nc\nd');
    expect(lines).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'b', oldLine: 2 },
      { kind: 'same', text: 'c', oldLine: 3, newLine: 2 },
      { kind: 'added', text: 'd', newLine: 3 },
    ]);
  });

  it('rebuilds both texts and is minimal on the classic example (ABCABBA -> CBABAC: 5 edits)', () => {
    const a = 'ABCABBA'.split('').join('\n');
    const b = 'CBABAC'.split('').join('\n');
    const lines = diffLines(a, b);
    expect(rebuild(lines)).toEqual({ before: a.split('\n'), after: b.split('\n') });
    const { added, removed } = diffStats(lines);
    expect(added + removed).toBe(5);
  });

  it('rebuilds both texts for random edits of a pretty-printed flow', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 50; round++) {
      const before = Array.from({ length: 30 }, () => `"k${Math.floor(random() * 8)}": 1,`);
      const after = before
        .filter(() => random() > 0.2)
        .flatMap((line) => (random() > 0.8 ? [line, `"new${round}": 2,`] : [line]));
      const lines = diffLines(before.join('\n'), after.join('\n'));
      expect(rebuild(lines)).toEqual({ before, after });
    }
  });
});

describe('withContext', () => {
  it('keeps changes with their context and folds long unchanged runs', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const after = before.map((line, i) => (i === 9 ? 'changed' : line));
    const shown = withContext(diffLines(before.join('\n'), after.join('\n')), 2);
    expect(shown.map((l) => (l.kind === 'skipped' ? `… ${l.count}` : l.text))).toEqual([
      '… 7',
      'line 8',
      'line 9',
      'line 10',
      'changed',
      'line 11',
      'line 12',
      '… 8',
    ]);
  });
});
