import { pruneWindows, retentionInEffect } from './retention-policy.js';

describe('retentionInEffect', () => {
  it('uses the global days when the flow sets none', () => {
    expect(retentionInEffect(undefined, 30)).toEqual({
      days: 30,
      keepFailedDays: 30,
      source: 'global',
    });
    expect(retentionInEffect({}, 30)).toEqual({ days: 30, keepFailedDays: 30, source: 'global' });
  });

  it("uses the flow's days, and keeps failed runs keepFailedDays but never less than days", () => {
    expect(retentionInEffect({ days: 7, keepFailedDays: 60 }, 30)).toEqual({
      days: 7,
      keepFailedDays: 60,
      source: 'flow',
    });
    expect(retentionInEffect({ days: 7 }, 30)).toMatchObject({ days: 7, keepFailedDays: 7 });
    expect(retentionInEffect({ keepFailedDays: 10 }, 30)).toEqual({
      days: 30,
      keepFailedDays: 30,
      source: 'flow',
    });
  });

  it('ignores values the engine would have refused (an old definition)', () => {
    expect(retentionInEffect({ days: 0, keepFailedDays: 'x' }, 14)).toMatchObject({
      days: 14,
      keepFailedDays: 14,
    });
  });
});

describe('pruneWindows', () => {
  it('gives each flow its cutoffs, counted back from now in whole days', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    expect(
      pruneWindows(
        [
          { id: 'a', retention: null },
          { id: 'b', retention: { days: 1, keepFailedDays: 3 } },
        ],
        30,
        now,
      ),
    ).toEqual({
      flowIds: ['a', 'b'],
      cutoffs: [new Date('2026-11-03T12:00:00Z'), new Date('2026-12-02T12:00:00Z')],
      failedCutoffs: [new Date('2026-11-03T12:00:00Z'), new Date('2026-11-30T12:00:00Z')],
    });
  });
});
