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
