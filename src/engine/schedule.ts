import { CronExpressionParser } from 'cron-parser';
import type { FlowProblem } from './flow-problem.js';

/**
 * A schedule trigger (issue 21): `{"type": "schedule", "cron": "*\/5 * * * *", "timezone":
 * "Europe/Paris"}` or `{"type": "schedule", "every": "15m"}`. Pure time arithmetic: when the
 * next tick is due and which tick, if any, fires when a scheduler finds one due. Storing the
 * due time and claiming it once across processes is the host's part.
 */
export interface ScheduleDefinition {
  type: 'schedule';
  /** Five fields (minute first) or six (seconds first), in `timezone`. */
  cron?: string;
  /** An IANA time zone for `cron`; default UTC. */
  timezone?: string;
  /** A fixed interval instead of `cron`: a whole number and s, m, h or d, at least 1s. */
  every?: string;
  /** While a run of the flow is unfinished, a tick is skipped (default) or queued behind it. */
  overlap?: 'skip' | 'queue';
  /** After downtime: no run for the missed ticks (default), or one run for the latest. */
  catchUp?: 'none' | 'last';
}

export const SCHEDULE_OVERLAP = ['skip', 'queue'] as const;
export const SCHEDULE_CATCH_UP = ['none', 'last'] as const;

/** A tick found due later than this counts as missed (downtime), not merely late. */
export const MISSED_AFTER_MS = 60_000;

const EVERY = /^([1-9]\d{0,6})(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_EVERY_MS = 366 * UNIT_MS.d;

/** `every` in milliseconds, or undefined when it is not a valid interval. */
export function everyMs(every: string): number | undefined {
  const match = EVERY.exec(every);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms <= MAX_EVERY_MS ? ms : undefined;
}

function validTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

function cronProblem(cron: unknown, timezone: string | undefined): FlowProblem | undefined {
  const path = 'trigger.cron';
  if (typeof cron !== 'string' || cron.trim() === '')
    return { path, message: 'must be a cron expression such as "*/5 * * * *"' };
  const fields = cron.trim().split(/\s+/).length;
  if (!cron.trim().startsWith('@') && (fields < 5 || fields > 6))
    return {
      path,
      message: `has ${fields} fields: use 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)`,
    };
  try {
    CronExpressionParser.parse(cron, { tz: timezone ?? 'UTC', strict: false }).next();
    return undefined;
  } catch (error) {
    return { path, message: `is not a valid cron expression: ${(error as Error).message}` };
  }
}

function choiceProblem(
  value: unknown,
  field: 'overlap' | 'catchUp',
  allowed: readonly string[],
): FlowProblem[] {
  if (value === undefined || allowed.includes(value as string)) return [];
  return [{ path: `trigger.${field}`, message: `must be one of: ${allowed.join(', ')}` }];
}

/** What is wrong with a schedule trigger, each problem with its path and what to write. */
export function scheduleProblems(definition: object): FlowProblem[] {
  const trigger = definition as Record<string, unknown>;
  const { cron, every, timezone } = trigger;
  const problems: FlowProblem[] = [
    ...choiceProblem(trigger.overlap, 'overlap', SCHEDULE_OVERLAP),
    ...choiceProblem(trigger.catchUp, 'catchUp', SCHEDULE_CATCH_UP),
  ];
  if (timezone !== undefined && (typeof timezone !== 'string' || !validTimezone(timezone)))
    problems.push({
      path: 'trigger.timezone',
      message: `'${String(timezone)}' is not an IANA time zone (such as Europe/Paris or UTC)`,
    });
  if ((cron === undefined) === (every === undefined)) {
    problems.push({ path: 'trigger', message: 'a schedule needs exactly one of cron or every' });
    return problems;
  }
  if (every !== undefined) {
    if (typeof every !== 'string' || everyMs(every) === undefined)
      problems.push({
        path: 'trigger.every',
        message: 'must be a whole number and s, m, h or d (such as 30s, 15m, 1d), at most 366d',
      });
    if (timezone !== undefined)
      problems.push({ path: 'trigger.timezone', message: 'applies to cron only, not to every' });
    return problems;
  }
  const zone = typeof timezone === 'string' && validTimezone(timezone) ? timezone : undefined;
  const problem = cronProblem(cron, zone);
  return problem ? [...problems, problem] : problems;
}

/**
 * The first tick strictly after `after`. An `every` schedule keeps to its grid (multiples of
 * the interval from `anchor`, the time it was first scheduled), so ticks never drift.
 */
export function nextDue(schedule: ScheduleDefinition, after: Date, anchor: Date = after): Date {
  if (schedule.every !== undefined) {
    const interval = everyMs(schedule.every);
    if (interval === undefined) throw new Error(`invalid every: ${schedule.every}`);
    const steps = Math.floor((after.getTime() - anchor.getTime()) / interval) + 1;
    return new Date(anchor.getTime() + Math.max(1, steps) * interval);
  }
  const expression = CronExpressionParser.parse(schedule.cron!, {
    tz: schedule.timezone ?? 'UTC',
    currentDate: after,
  });
  return expression.next().toDate();
}

/** Ticks walked at most after downtime (a minutely cron over a day's downtime is 1,440). */
const MAX_WALK = 100_000;

/**
 * The latest tick at or before `now`, from a due tick `due` (itself <= now), and how many
 * ticks before it were passed over. Cron is parsed once and walked forward.
 */
function latestDue(schedule: ScheduleDefinition, due: Date, now: Date) {
  if (schedule.every !== undefined) {
    const interval = everyMs(schedule.every)!;
    const skipped = Math.floor((now.getTime() - due.getTime()) / interval);
    return { latest: new Date(due.getTime() + skipped * interval), skipped };
  }
  const ticks = CronExpressionParser.parse(schedule.cron!, {
    tz: schedule.timezone ?? 'UTC',
    currentDate: due,
  });
  let latest = due;
  let skipped = 0;
  for (; skipped < MAX_WALK; skipped += 1) {
    const next = ticks.next().toDate();
    if (next > now) break;
    latest = next;
  }
  return { latest, skipped };
}

export interface TickDecision {
  /** The tick to run now (its scheduled time: `$trigger.scheduledAt`), if any. */
  fire?: Date;
  /** Ticks passed over without a run (downtime, catchUp none; or all but the latest). */
  missed: number;
  /** The next tick to wait for: always after `now`. */
  next: Date;
}

/**
 * What a scheduler does when it finds the tick `due` at `now`. Never a burst: at most one run,
 * for the latest tick that is due. That tick runs when it is the current one (the next is
 * still ahead) and at most MISSED_AFTER_MS late; past that it is a missed tick, run only with
 * `catchUp: "last"`. Ticks passed over are counted in `missed`.
 */
export function decideTick(
  schedule: ScheduleDefinition,
  due: Date,
  now: Date,
  anchor: Date = due,
): TickDecision {
  if (due > now) return { missed: 0, next: due };
  const { latest, skipped } = latestDue(schedule, due, now);
  const next = nextDue(schedule, latest, anchor);
  const onTime = now.getTime() - latest.getTime() <= MISSED_AFTER_MS;
  if (onTime || schedule.catchUp === 'last') return { fire: latest, missed: skipped, next };
  return { missed: skipped + 1, next };
}

/** The method a scheduled run's stored request carries (it was no HTTP request). */
export const SCHEDULE_METHOD = 'SCHEDULE';

/** The body of a scheduled run's stored request: `$trigger.body`. */
export interface TickBody {
  scheduledAt: string;
  /** Ticks passed over since the previous run (downtime, or overlap). */
  missedTicks: number;
}

/** The timing fields of a schedule trigger, as stored with its scheduler state. */
export function scheduleOf(trigger: object): ScheduleDefinition {
  const { cron, timezone, every, overlap, catchUp } = trigger as ScheduleDefinition;
  return JSON.parse(
    JSON.stringify({ type: 'schedule', cron, timezone, every, overlap, catchUp }),
  ) as ScheduleDefinition;
}

/** Where a schedule stands between ticks. */
export interface ScheduleState {
  nextDueAt: Date;
  anchorAt: Date;
  /** overlap queue: the one tick waiting for the unfinished run to finish. */
  queuedTickAt: Date | null;
}

export interface TickPlan {
  /** Ticks to run now, oldest first (a queued one and the current one at most). */
  fire: Date[];
  state: ScheduleState;
  /** Passed over for downtime (decideTick). */
  missed: number;
  /** Passed over because a run was unfinished (overlap skip, or a queued tick replaced). */
  skipped: number;
}

/**
 * One scheduler visit at `now`; `busy` says whether the flow's previous scheduled run is
 * unfinished. A tick queued behind it runs once it finishes; with overlap queue a due tick
 * waits behind a busy run (a newer one replaces it), with skip it is skipped.
 */
export function planTicks(
  schedule: ScheduleDefinition,
  state: ScheduleState,
  now: Date,
  busy: boolean,
): TickPlan {
  const plan: TickPlan = { fire: [], state: { ...state }, missed: 0, skipped: 0 };
  if (state.queuedTickAt && !busy) {
    plan.fire.push(state.queuedTickAt);
    plan.state.queuedTickAt = null;
    busy = true;
  }
  if (state.nextDueAt > now) return plan;
  const decision = decideTick(schedule, state.nextDueAt, now, state.anchorAt);
  plan.missed = decision.missed;
  plan.state.nextDueAt = decision.next;
  if (!decision.fire) return plan;
  if (!busy) plan.fire.push(decision.fire);
  else if (schedule.overlap !== 'queue') plan.skipped = 1;
  else {
    if (plan.state.queuedTickAt) plan.skipped = 1;
    plan.state.queuedTickAt = decision.fire;
  }
  return plan;
}
