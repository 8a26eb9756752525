import type { ArgumentsHost } from '@nestjs/common';
import { DatabaseError } from 'pg-protocol';
import { QueryFailedError } from 'typeorm';
import type { Runtime } from '../config/runtime.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import * as appErrors from './app-error.js';

const pgError = (code: string) =>
  Object.assign(new DatabaseError('from PostgreSQL', 0, 'error'), { code, severity: 'ERROR' });

/** What the filter answers for an exception: status, headers and body. */
function answer(exception: unknown) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const reply = {
    status: (code: number) => ((sent.status = code), reply),
    header: (name: string, value: string) => ((sent.headers[name] = value), reply),
    send: (body: unknown) => void (sent.body = body),
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ url: '/api/v1/x' }) }),
  } as unknown as ArgumentsHost;
  const filter = new AllExceptionsFilter({ config: { catchBodyLimit: 1024 } } as Runtime);
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  filter.catch(exception, host);
  return sent;
}

describe('database errors reaching API routes', () => {
  it('answers 400 with what to fix for a value PostgreSQL refuses', () => {
    const sent = answer(new QueryFailedError('SELECT', [], pgError('22003')));
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({
      error: 'Bad Request',
      message: expect.stringMatching(/SQLSTATE 22003.*out of range: send a smaller number/),
    });
  });

  it('answers 503 with Retry-After only when the database cannot be reached', () => {
    const down = answer(new Error('Connection terminated unexpectedly'));
    expect(down.status).toBe(503);
    expect(down.headers['Retry-After']).toBe('5');
    expect(answer(new QueryFailedError('SELECT', [], pgError('57P01'))).status).toBe(503);
  });

  it('answers 500 for any other database error', () => {
    expect(answer(new QueryFailedError('INSERT', [], pgError('23505'))).status).toBe(500);
    expect(answer(new TypeError('x is undefined')).status).toBe(500);
  });
});

describe('errors already said as HTTP', () => {
  it('keeps the message of an AppError whose words look like a lost connection', () => {
    const { AppError, ErrorCode } = appErrors;
    const sent = answer(
      new AppError(ErrorCode.Unavailable, 'Not ready: database is down (Connection terminated)'),
    );
    expect(sent.status).toBe(503);
    expect(sent.body).toMatchObject({ message: /^Not ready: database is down/ });
  });
});
