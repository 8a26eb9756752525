import { isSleepRequest } from '@flowhub/plugin-sdk';
import { registry, runAction } from '../../__tests__/action-context.js';
import { MAX_DELAY_MS } from '../actions/delay.action.js';

const problemsOf = async (plain: Record<string, unknown>) => {
  const checked = await registry.validateInput('core.delay', plain);
  return checked.ok ? [] : checked.problems;
};

describe('core.delay', () => {
  it('asks to sleep ms from now instead of holding the worker', async () => {
    const before = Date.now();
    const result = await runAction('core.delay', { ms: 60_000 });
    expect(isSleepRequest(result)).toBe(true);
    const target = (result as { sleepUntil: Date }).sleepUntil.getTime();
    expect(target).toBeGreaterThanOrEqual(before + 60_000);
    expect(target).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('asks to sleep until a future date', async () => {
    const until = new Date(Date.now() + 3_600_000);
    until.setMilliseconds(0);
    const result = await runAction('core.delay', { until: until.toISOString() });
    expect(result).toEqual({ sleepUntil: until });
  });

  it('succeeds when resumed, with the time it woke', async () => {
    const wokeAt = new Date('2026-11-23T10:00:05.000Z');
    expect(await runAction('core.delay', { ms: 5_000 }, { wokeAt })).toEqual({
      delayedUntil: '2026-11-23T10:00:05.000Z',
    });
    expect(await runAction('core.delay', { until: '2026-11-23T10:00:00Z' }, { wokeAt })).toEqual({
      delayedUntil: '2026-11-23T10:00:05.000Z',
    });
  });

  it('goes on at once when until has passed', async () => {
    const result = (await runAction('core.delay', { until: '2020-01-01T00:00:00Z' })) as {
      delayedUntil: string;
    };
    expect(isSleepRequest(result)).toBe(false);
    expect(Date.parse(result.delayedUntil)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses an until more than 30 days away', async () => {
    const far = new Date(Date.now() + MAX_DELAY_MS + 3_600_000).toISOString();
    await expect(runAction('core.delay', { until: far })).rejects.toThrow(/more than 30 days away/);
  });

  it('accepts exactly one of ms or until', async () => {
    expect(await problemsOf({ ms: 1 })).toEqual([]);
    expect(await problemsOf({ ms: MAX_DELAY_MS })).toEqual([]);
    expect(await problemsOf({ until: '2026-12-01T09:00:00Z' })).toEqual([]);
    expect(await problemsOf({ until: '2026-12-01T09:00:00.123+01:00' })).toEqual([]);
    expect(await problemsOf({})).toEqual([
      {
        path: 'ms',
        message: expect.stringMatching(/^exactly one of ms .* or until .* is required$/),
      },
    ]);
    expect(await problemsOf({ ms: 5, until: '2026-12-01T09:00:00Z' })).toEqual([
      { path: 'ms', message: 'exactly one of ms or until is required, not both' },
    ]);
  });

  it.each([[0], [-5], [1.5], [MAX_DELAY_MS + 1], ['5000']])('refuses ms %j', async (ms) => {
    expect(await problemsOf({ ms })).toEqual([
      {
        path: 'ms',
        message: `ms must be a whole number of milliseconds from 1 to ${MAX_DELAY_MS} (30 days)`,
      },
    ]);
  });

  it.each([['tomorrow'], ['2026-12-01'], ['2026-12-01T09:00:00'], ['2026-13-01T09:00:00Z'], [42]])(
    'refuses until %j',
    async (until) => {
      expect(await problemsOf({ until })).toEqual([
        {
          path: 'until',
          message: expect.stringMatching(/^until must be an ISO 8601 date-time with a time zone/),
        },
      ]);
    },
  );

  it('refuses unknown fields', async () => {
    expect(await problemsOf({ ms: 5, seconds: 5 })).toEqual([
      { path: 'seconds', message: 'property seconds should not exist' },
    ]);
  });
});
