import { IsISO8601, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { defineAction, FatalError } from '../../../src/plugin-sdk/index.js';

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

export class DelayInput {
  @ValidateIf((input: DelayInput) => input.until === undefined)
  @IsInt({ message: 'give either ms (milliseconds to wait) or until (an ISO date), not neither' })
  @Min(1)
  @Max(THIRTY_DAYS_MS)
  ms?: number;

  @IsOptional()
  @ValidateIf((input: DelayInput) => input.ms === undefined || input.until !== undefined)
  @IsISO8601({}, { message: 'until must be an ISO 8601 date, e.g. 2026-12-01T09:00:00Z' })
  until?: string;
}

/**
 * Waits without holding a worker: the step is parked and a delayed job resumes it. The
 * wait starts when the step first runs; `ctx.wokeAt` is set when it resumes.
 */
export const delay = defineAction<DelayInput, { delayedUntil: string }>({
  displayName: 'Delay',
  description:
    'Waits for {"ms": N} milliseconds or until {"until": ISO date} before the next step.',
  input: DelayInput,
  sideEffects: false,
  run: async (ctx) => {
    if (ctx.input.ms !== undefined && ctx.input.until !== undefined) {
      throw new FatalError('give either ms or until, not both');
    }
    if (ctx.wokeAt) return { delayedUntil: ctx.wokeAt.toISOString() };
    const target = ctx.input.until
      ? new Date(ctx.input.until)
      : new Date(Date.now() + ctx.input.ms!);
    if (target.getTime() <= Date.now()) return { delayedUntil: new Date().toISOString() };
    return ctx.sleepUntil(target);
  },
});
