import {
  DEFAULT_STEP_TIMEOUT_MS,
  itemIdempotencyKey,
  LEASE_MARGIN_MS,
  stepIdempotencyKey,
  stepLeaseMs,
  stepTimeoutMs,
} from './step-rules.js';

describe('step rules', () => {
  it('a step without timeoutMs gets the default, and its lease outlasts it by the margin', () => {
    expect(stepTimeoutMs({})).toBe(DEFAULT_STEP_TIMEOUT_MS);
    expect(stepLeaseMs({})).toBe(DEFAULT_STEP_TIMEOUT_MS + LEASE_MARGIN_MS);
    expect(stepTimeoutMs({ timeoutMs: 1_500 })).toBe(1_500);
    expect(stepLeaseMs({ timeoutMs: 1_500 })).toBe(1_500 + LEASE_MARGIN_MS);
  });

  it('keys name the run whose keys are kept, the step, and the forEach item', () => {
    const run = '0b6c7a52-4f4e-4b53-9d0e-2a8f7a0c1d11';
    expect(stepIdempotencyKey(run, 'deal')).toBe(`${run}:deal`);
    expect(itemIdempotencyKey(stepIdempotencyKey(run, 'lines'), 2)).toBe(`${run}:lines:2`);
    expect(stepIdempotencyKey(run, 'a')).not.toBe(stepIdempotencyKey(run, 'b'));
  });
});
