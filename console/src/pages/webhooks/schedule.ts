/** Flowhub's schedule when a subscription gives none (src/webhooks/delivery-policy.ts). */
export const DEFAULT_SCHEDULE = [60, 300, 1800, 7200];
const MAX_DELAY = 604_800;
const MAX_ENTRIES = 20;

export const scheduleText = (schedule: number[]) => schedule.join(', ');

/** "60, 300 1800" -> [60, 300, 1800], or the problem, as the API's limits have it. */
export function parseSchedule(text: string): { schedule?: number[]; problem?: string } {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { problem: 'Give at least one delay in seconds, such as 60.' };
  if (parts.length > MAX_ENTRIES) return { problem: `At most ${MAX_ENTRIES} retries.` };
  const schedule = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(schedule[i]) || schedule[i] < 0);
  if (bad !== undefined) return { problem: `'${bad}' is not a number of seconds.` };
  if (schedule.some((s) => s > MAX_DELAY))
    return { problem: `Each delay is at most ${MAX_DELAY} seconds (7 days).` };
  return { schedule };
}

export const sameSchedule = (a: number[], b: number[]) =>
  a.length === b.length && a.every((s, i) => s === b[i]);
