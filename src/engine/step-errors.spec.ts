import { classifyError, FatalError, RetryableError } from './step-errors.js';

describe('classifyError', () => {
  it.each([408, 425, 429, 500, 502, 503, 504])('HTTP %i is retryable', (status) => {
    expect(classifyError({ status, message: 'x' })).toMatchObject({
      retryable: true,
      code: `http_${status}`,
    });
  });

  it.each([400, 401, 403, 404, 409, 422])('HTTP %i is fatal', (status) => {
    expect(classifyError({ status, message: 'x' })).toMatchObject({
      retryable: false,
      code: `http_${status}`,
    });
  });

  it('keeps Retry-After from status errors and RetryableError', () => {
    expect(
      classifyError({ status: 429, message: 'slow down', retryAfterMs: 2000 }).retryAfterMs,
    ).toBe(2000);
    expect(classifyError(new RetryableError('later', 5000))).toEqual({
      retryable: true,
      message: 'later',
      retryAfterMs: 5000,
      code: 'retryable',
    });
  });

  it('never retries a FatalError, retries plain errors and timeouts', () => {
    expect(classifyError(new FatalError('bad input'))).toEqual({
      retryable: false,
      message: 'bad input',
      code: 'fatal',
    });
    expect(
      classifyError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toMatchObject({
      retryable: true,
      code: 'ECONNREFUSED',
    });
    const timeout = Object.assign(new Error('too slow'), { name: 'TimeoutError' });
    expect(classifyError(timeout)).toMatchObject({ retryable: true, code: 'timeout' });
    expect(classifyError('weird')).toMatchObject({ retryable: true, message: 'weird' });
  });
});

describe('classifyError, more shapes', () => {
  class StatusError extends Error {
    constructor(
      readonly status: number,
      readonly retryAfterMs?: number,
    ) {
      super(`HTTP ${status}`);
    }
  }

  it('classifies HttpStatusError-like instances by status and keeps Retry-After', () => {
    expect(classifyError(new StatusError(503, 1500))).toEqual({
      retryable: true,
      message: 'HTTP 503',
      retryAfterMs: 1500,
      code: 'http_503',
    });
    expect(classifyError(new StatusError(422))).toMatchObject({ retryable: false });
  });

  it('treats an AbortError as a retryable timeout and a bare Error as retryable', () => {
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(classifyError(abort)).toEqual({
      retryable: true,
      message: 'This operation was aborted',
      code: 'timeout',
    });
    expect(classifyError(new Error('boom'))).toEqual({
      retryable: true,
      message: 'boom',
      code: 'error',
    });
  });

  it('passes a Node or egress code through and turns any other code into error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(classifyError(refused)).toMatchObject({ retryable: true, code: 'ECONNREFUSED' });
    const odd = Object.assign(new Error('odd'), { code: 'Not a code; <script>' });
    expect(classifyError(odd)).toMatchObject({ code: 'error' });
    expect(classifyError(Object.assign(new Error('n'), { code: 42 }))).toMatchObject({
      code: 'error',
    });
  });

  it('lets FatalError subclasses win over a status', () => {
    class Refused extends FatalError {
      readonly status = 503;
    }
    expect(classifyError(new Refused('blocked'))).toMatchObject({
      retryable: false,
      code: 'fatal',
    });
  });
});
