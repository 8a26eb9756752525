import {
  decideTick,
  everyMs,
  MISSED_AFTER_MS,
  nextDue,
  planTicks,
  scheduleOf,
  scheduleProblems,
  type ScheduleDefinition,
} from './schedule.js';

const at = (iso: string) => new Date(iso);
const cron = (expression: string, extra: Partial<ScheduleDefinition> = {}): ScheduleDefinition => ({
  type: 'schedule',
  cron: expression,
  ...extra,
});
const every = (interval: string, extra: Partial<ScheduleDefinition> = {}): ScheduleDefinition => ({
  type: 'schedule',
  every: interval,
  ...extra,
});

describe('schedule definitions', () => {
  it('reads intervals as a whole number and a unit, at least a second, at most 366 days', () => {
    expect(everyMs('30s')).toBe(30_000);
    expect(everyMs('15m')).toBe(900_000);
    expect(everyMs('2h')).toBe(7_200_000);
    expect(everyMs('366d')).toBe(366 * 86_400_000);
    for (const bad of ['0s', '1.5h', '15', 'm', '10ms', '367d', ' 5m', '-1s'])
      expect(everyMs(bad)).toBeUndefined();
  });

  it('accepts cron in a time zone, or every, with the documented options', () => {
    expect(scheduleProblems(cron('*/5 * * * *', { timezone: 'Europe/Paris' }))).toEqual([]);
    expect(scheduleProblems(cron('*/10 * * * * *'))).toEqual([]); // seconds first
    expect(scheduleProblems(cron('@daily'))).toEqual([]);
    expect(scheduleProblems(every('15m', { overlap: 'queue', catchUp: 'last' }))).toEqual([]);
  });

  it('says what to fix, field by field', () => {
    const paths = (trigger: object) =>
      scheduleProblems(trigger).map((problem) => `${problem.path}: ${problem.message}`);
    expect(paths({ type: 'schedule' })).toEqual([
      'trigger: a schedule needs exactly one of cron or every',
    ]);
    expect(paths({ type: 'schedule', cron: '* * * * *', every: '1m' })).toEqual([
      'trigger: a schedule needs exactly one of cron or every',
    ]);
    expect(paths(cron('* * * *'))).toEqual([
      'trigger.cron: has 4 fields: use 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)',
    ]);
    expect(paths(cron('61 * * * *'))[0]).toMatch(
      /^trigger\.cron: is not a valid cron expression: .*61/,
    );
    expect(paths(cron('* * * * *', { timezone: 'Mars/Olympus' }))).toEqual([
      "trigger.timezone: 'Mars/Olympus' is not an IANA time zone (such as Europe/Paris or UTC)",
    ]);
    expect(paths(every('90 minutes'))).toEqual([
      'trigger.every: must be a whole number and s, m, h or d (such as 30s, 15m, 1d), at most 366d',
    ]);
    expect(paths(every('1m', { timezone: 'UTC' }))).toEqual([
      'trigger.timezone: applies to cron only, not to every',
    ]);
    expect(paths({ ...every('1m'), overlap: 'wait', catchUp: 'all' })).toEqual([
      'trigger.overlap: must be one of: skip, queue',
      'trigger.catchUp: must be one of: none, last',
    ]);
  });
});

describe('when the next tick is due', () => {
  it('keeps cron ticks to the wall clock of their time zone, across a DST change', () => {
    const nine = cron('0 9 * * *', { timezone: 'Europe/Paris' });
    expect(nextDue(nine, at('2026-03-27T12:00:00Z'))).toEqual(at('2026-03-28T08:00:00Z')); // CET
    expect(nextDue(nine, at('2026-03-28T08:00:00Z'))).toEqual(at('2026-03-29T07:00:00Z')); // CEST
    expect(nextDue(cron('*/5 * * * *'), at('2026-12-04T10:02:30Z'))).toEqual(
      at('2026-12-04T10:05:00Z'),
    );
  });

  it('keeps every ticks on the grid of their first time, however late a scheduler looks', () => {
    const anchor = at('2026-12-04T10:00:00Z');
    const five = every('5s');
    expect(nextDue(five, anchor)).toEqual(at('2026-12-04T10:00:05Z'));
    expect(nextDue(five, at('2026-12-04T10:00:07.500Z'), anchor)).toEqual(
      at('2026-12-04T10:00:10Z'),
    );
    expect(nextDue(five, at('2026-12-04T10:00:10Z'), anchor)).toEqual(at('2026-12-04T10:00:15Z'));
  });
});

describe('which tick runs when a scheduler finds one due', () => {
  const anchor = at('2026-12-04T10:00:00Z');

  it('runs nothing before the tick', () => {
    const due = at('2026-12-04T10:00:05Z');
    expect(decideTick(every('5s'), due, at('2026-12-04T10:00:04Z'), anchor)).toEqual({
      missed: 0,
      next: due,
    });
  });

  it('runs the tick found on time, and waits for the next one on the grid', () => {
    const due = at('2026-12-04T10:00:05Z');
    expect(decideTick(every('5s'), due, at('2026-12-04T10:00:05.200Z'), anchor)).toEqual({
      fire: due,
      missed: 0,
      next: at('2026-12-04T10:00:10Z'),
    });
  });

  it('after a short stall, runs only the latest tick: never a burst', () => {
    const due = at('2026-12-04T10:00:01Z');
    for (const catchUp of ['none', 'last'] as const)
      expect(
        decideTick(every('1s', { catchUp }), due, at('2026-12-04T10:00:04.300Z'), anchor),
      ).toEqual({ fire: at('2026-12-04T10:00:04Z'), missed: 3, next: at('2026-12-04T10:00:05Z') });
  });

  it('after downtime, catchUp none runs nothing and last runs the latest missed tick once', () => {
    const daily = (catchUp: 'none' | 'last') =>
      cron('0 9 * * *', { timezone: 'Europe/Paris', catchUp });
    const due = at('2026-12-01T08:00:00Z'); // 09:00 in Paris
    const now = at('2026-12-04T10:00:00Z'); // three days and two hours later
    const tomorrow = at('2026-12-05T08:00:00Z');
    expect(decideTick(daily('none'), due, now)).toEqual({ missed: 4, next: tomorrow });
    expect(decideTick(daily('last'), due, now)).toEqual({
      fire: at('2026-12-04T08:00:00Z'),
      missed: 3,
      next: tomorrow,
    });
  });

  it('tells a late tick from a missed one by MISSED_AFTER_MS', () => {
    const due = at('2026-12-04T09:00:00Z');
    const hourly = cron('0 * * * *');
    const late = new Date(due.getTime() + MISSED_AFTER_MS);
    expect(decideTick(hourly, due, late).fire).toEqual(due);
    const missed = new Date(due.getTime() + MISSED_AFTER_MS + 1);
    expect(decideTick(hourly, due, missed)).toEqual({
      missed: 1,
      next: at('2026-12-04T10:00:00Z'),
    });
  });
});

describe('planTicks', () => {
  const anchor = at('2026-12-04T10:00:00Z');
  const state = (next: string, queued: string | null = null) => ({
    nextDueAt: at(next),
    anchorAt: anchor,
    queuedTickAt: queued ? at(queued) : null,
  });
  const now = at('2026-12-04T10:00:02.100Z');

  it('runs the due tick of an idle flow and waits for the next', () => {
    expect(planTicks(every('1s'), state('2026-12-04T10:00:02Z'), now, false)).toEqual({
      fire: [at('2026-12-04T10:00:02Z')],
      state: state('2026-12-04T10:00:03Z'),
      missed: 0,
      skipped: 0,
    });
    const early = planTicks(every('1s'), state('2026-12-04T10:00:03Z'), now, false);
    expect(early).toEqual({
      fire: [],
      state: state('2026-12-04T10:00:03Z'),
      missed: 0,
      skipped: 0,
    });
  });

  it('skips a tick while the previous run is unfinished, or queues one (the newest) behind it', () => {
    const due = state('2026-12-04T10:00:02Z');
    expect(planTicks(every('1s'), due, now, true)).toMatchObject({ fire: [], skipped: 1 });
    const queue = every('1s', { overlap: 'queue' });
    expect(planTicks(queue, due, now, true)).toMatchObject({
      fire: [],
      skipped: 0,
      state: state('2026-12-04T10:00:03Z', '2026-12-04T10:00:02Z'),
    });
    const waiting = state('2026-12-04T10:00:02Z', '2026-12-04T10:00:01Z');
    expect(planTicks(queue, waiting, now, true)).toMatchObject({
      fire: [],
      skipped: 1,
      state: state('2026-12-04T10:00:03Z', '2026-12-04T10:00:02Z'),
    });
  });

  it('runs the queued tick once the run finishes, and queues the due one behind it', () => {
    const queue = every('1s', { overlap: 'queue' });
    const waiting = state('2026-12-04T10:00:02Z', '2026-12-04T10:00:01Z');
    expect(planTicks(queue, waiting, now, false)).toEqual({
      fire: [at('2026-12-04T10:00:01Z')],
      state: state('2026-12-04T10:00:03Z', '2026-12-04T10:00:02Z'),
      missed: 0,
      skipped: 0,
    });
  });
});

describe('scheduleOf', () => {
  it('keeps the timing fields of a trigger and nothing else', () => {
    const trigger = { type: 'schedule', every: '1m', filter: 'true', catchUp: 'last' };
    expect(scheduleOf(trigger)).toEqual({ type: 'schedule', every: '1m', catchUp: 'last' });
  });
});
