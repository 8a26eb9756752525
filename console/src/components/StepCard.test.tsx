import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { RunStep } from '../api/client';
import { StepCard } from './StepCard';

afterEach(cleanup);

const step = (over: Partial<RunStep>): RunStep =>
  ({
    id: 'crm',
    action: 'http.request',
    status: 'pending',
    attempts: 1,
    input: {},
    output: null,
    error: 'HTTP 503',
    errorCode: 'HTTP_503',
    reason: null,
    warnings: [],
    sampleOutput: false,
    idempotencyKey: 'k-1',
    startedAt: null,
    finishedAt: null,
    nextAttemptAt: null,
    history: [],
    ...over,
  }) as RunStep;

describe('StepCard', () => {
  it('shows when a step waiting for its retry is due, and which attempt that is', () => {
    render(<StepCard step={step({ nextAttemptAt: '2026-12-03T10:00:05.000Z' })} />);
    expect(screen.getByText('Next attempt')).toBeTruthy();
    expect(screen.getByText(/attempt 2\)$/).textContent).toMatch(/^due .+ \(attempt 2\)$/);
  });

  it('shows no due time when nothing is scheduled', () => {
    render(<StepCard step={step({ status: 'succeeded', error: null, errorCode: null })} />);
    expect(screen.queryByText('Next attempt')).toBeNull();
    expect(screen.getByText('k-1')).toBeTruthy();
  });
});
