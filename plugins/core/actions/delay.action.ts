import {
  JSONSchema,
  Validate,
  ValidateIf,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from '@flowhub/plugin-sdk/validators';
import { defineAction, FatalError } from '@flowhub/plugin-sdk';

export const MAX_DELAY_MS = 30 * 24 * 60 * 60 * 1000;

/** ISO 8601 date-time with a time zone (a zone-less time would mean the server's zone). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function problemOf(input: DelayInput, property: 'ms' | 'until'): string | undefined {
  const { ms, until } = input;
  if (ms === undefined && until === undefined) {
    return `exactly one of ms (milliseconds to wait, 1 to ${MAX_DELAY_MS}) or until (an ISO 8601 date-time such as 2026-12-01T09:00:00Z) is required`;
  }
  if (ms !== undefined && until !== undefined) {
    return 'exactly one of ms or until is required, not both';
  }
  if (property === 'ms' && ms !== undefined) {
    const ok = typeof ms === 'number' && Number.isInteger(ms) && ms >= 1 && ms <= MAX_DELAY_MS;
    if (!ok) return `ms must be a whole number of milliseconds from 1 to ${MAX_DELAY_MS} (30 days)`;
  }
  if (property === 'until' && until !== undefined) {
    const ok =
      typeof until === 'string' && ISO_DATE_TIME.test(until) && !Number.isNaN(Date.parse(until));
    if (!ok)
      return 'until must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:00:00Z';
  }
  return undefined;
}

@ValidatorConstraint({ name: 'delayTarget' })
class DelayTarget implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return problemOf(args.object as DelayInput, args.property as 'ms' | 'until') === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return problemOf(args.object as DelayInput, args.property as 'ms' | 'until') ?? '';
  }
}

/**
 * `{ms}` or `{until}`, exactly one: the "neither" and "both" problems are reported on `ms`.
 * The schema says the same: neither field is required alone, one of the two is.
 */
@JSONSchema((source) => {
  const { required: _alone, ...schema } = source;
  return {
    ...schema,
    // exactly one of the two (oneOf: {ms, until} together matches both and is refused)
    // (`properties: {x: {}}` restates the field for strict validators such as ajv's)
    oneOf: ['ms', 'until'].map((name) => ({ required: [name], properties: { [name]: {} } })),
  };
})
export class DelayInput {
  @Validate(DelayTarget)
  @JSONSchema({
    type: 'integer',
    minimum: 1,
    maximum: MAX_DELAY_MS,
    description: 'Milliseconds to wait (1 to 30 days); give this or until, not both.',
    examples: [60000],
  })
  ms?: number;

  @ValidateIf((input: DelayInput) => input.until !== undefined && input.ms === undefined)
  @Validate(DelayTarget)
  @JSONSchema({
    type: 'string',
    description:
      'An ISO 8601 date-time with a time zone to wait until (at most 30 days away); give this or ms.',
    examples: ['2026-12-01T09:00:00Z'],
  })
  until?: string;
}

export interface DelayOutput {
  /** When the wait ended and the flow went on. */
  delayedUntil: string;
}

/**
 * Waits without holding a worker: the first run computes the target once and parks the step
 * (`ctx.sleepUntil`); the host resumes it with a delayed job at or after the target, with
 * `ctx.wokeAt` set, and only then does the step succeed.
 */
export const delay = defineAction<DelayInput, DelayOutput>({
  displayName: 'Delay',
  description:
    'Waits {"ms": N} milliseconds or until {"until": ISO date-time} before the next step.',
  input: DelayInput,
  sideEffects: false,
  run: async (ctx) => {
    if (ctx.wokeAt) return { delayedUntil: ctx.wokeAt.toISOString() };
    const now = Date.now();
    const target =
      ctx.input.until !== undefined ? Date.parse(ctx.input.until) : now + (ctx.input.ms ?? 0);
    if (target - now > MAX_DELAY_MS) {
      throw new FatalError(
        `until ${ctx.input.until} is more than 30 days away; delays are limited to 30 days`,
      );
    }
    if (target <= now) return { delayedUntil: new Date(now).toISOString() };
    return ctx.sleepUntil(new Date(target));
  },
});
