import type { components } from '../../../api/schema';

export type Storage = components['schemas']['StorageDto'];

const DAY_MS = 86_400_000;

export function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** 600000 -> "10 minutes", 90000 -> "90 seconds", 7200000 -> "2 hours". */
export function every(ms: number): string {
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`;
  if (ms % 60_000 === 0) return ms === 60_000 ? 'minute' : `${ms / 60_000} minutes`;
  return `${Math.round(ms / 1000)} seconds`;
}

/** "3 days ago", "today": how old the oldest kept record is. */
export function age(iso: string | null | undefined, now: number): string | undefined {
  if (!iso) return undefined;
  const whole = Math.floor((now - Date.parse(iso)) / DAY_MS);
  if (whole < 1) return 'less than a day ago';
  return `${days(whole)} ago`;
}

/** What the panel says of the retention in effect. */
export function retentionText(storage: Storage): { kept: string; failed: string; source: string } {
  const { retention } = storage;
  return {
    kept: days(retention.days),
    failed:
      retention.keepFailedDays === retention.days
        ? `${days(retention.keepFailedDays)} (as the others)`
        : days(retention.keepFailedDays),
    source:
      retention.source === 'flow'
        ? "set by this flow's retention field"
        : "the server's default (FLOWHUB_RETENTION_DAYS)",
  };
}
