import { DatabaseError } from 'pg-protocol';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error.js';
import {
  classifyStorageError,
  isStorageError,
  storageAppError,
  withConflictRetries,
} from './storage-errors.js';

const pgError = (code: string, message = 'from PostgreSQL') => {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  error.severity = 'ERROR';
  return error;
};
const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('storage errors', () => {
  it('calls the database unavailable only when it cannot be reached', () => {
    for (const error of [
      socketError('ECONNREFUSED'),
      socketError('ECONNRESET'),
      socketError('ETIMEDOUT'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
      pgError('08006'),
      pgError('53300', 'sorry, too many clients already'),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03'),
      pgError('55000', 'database "x" is not currently accepting connections'),
      new QueryFailedError('SELECT 1', [], pgError('57P02')),
    ]) {
      expect(classifyStorageError(error)).toEqual({ kind: 'unavailable' });
    }
  });

  it('calls a statement the database answered as malformed (08P01) a bug, not unavailable', () => {
    const bind = pgError(
      '08P01',
      'bind message supplies 1 parameters, but prepared statement "" requires 0',
    );
    expect(classifyStorageError(new QueryFailedError('SELECT 1', [1], bind))).toEqual({
      kind: 'other',
    });
  });

  it('calls a refused value a data error, with a message that says what to fix', () => {
    const nul = classifyStorageError(new QueryFailedError('INSERT', [], pgError('22P05')));
    expect(nul).toEqual({
      kind: 'data',
      status: 400,
      message: expect.stringMatching(
        /^PostgreSQL refused this request \(SQLSTATE 22P05\): .*U\+0000.*: remove it$/,
      ),
    });
    expect(classifyStorageError(pgError('22021'))).toMatchObject({ kind: 'data', status: 400 });
    expect(classifyStorageError(pgError('22003'))).toMatchObject({
      message: expect.stringMatching(/out of range: send a smaller number$/),
    });
    expect(classifyStorageError(pgError('54000'))).toMatchObject({ kind: 'data', status: 413 });
  });

  it('calls a serialization failure or a deadlock a conflict that a retry resolves', () => {
    const deadlock = new QueryFailedError('UPDATE', [], pgError('40P01', 'deadlock detected'));
    expect(classifyStorageError(deadlock)).toEqual({
      kind: 'conflict',
      state: '40P01',
      reason: expect.stringMatching(/^deadlock detected/),
    });
    expect(classifyStorageError(pgError('40001'))).toMatchObject({
      kind: 'conflict',
      state: '40001',
      reason: expect.stringMatching(/^serialization failure/),
    });
  });

  it('never answers a conflict 503: it is left to retries, then to a logged 500', () => {
    for (const state of ['40001', '40P01']) {
      expect(storageAppError(pgError(state), 'down: retry later')).toBeUndefined();
    }
  });

  it('runs a call again after a conflict, and gives up after the last attempt', async () => {
    let calls = 0;
    const flaky = () =>
      ++calls < 3 ? Promise.reject(pgError('40P01', 'deadlock detected')) : Promise.resolve('ok');
    await expect(withConflictRetries(flaky)).resolves.toBe('ok');
    expect(calls).toBe(3);
    calls = 0;
    const stuck = () => (calls++, Promise.reject(pgError('40001')));
    await expect(withConflictRetries(stuck)).rejects.toMatchObject({ code: '40001' });
    expect(calls).toBe(3);
  });

  it('does not run a call again for any other error', async () => {
    let calls = 0;
    const refused = () => (calls++, Promise.reject(pgError('22P05')));
    await expect(withConflictRetries(refused)).rejects.toMatchObject({ code: '22P05' });
    expect(calls).toBe(1);
  });

  it('does not call a cancelled statement unavailable (Flowhub sets no statement_timeout)', () => {
    const cancelled = pgError('57014', 'canceling statement due to user request');
    expect(classifyStorageError(cancelled)).toEqual({ kind: 'other' });
    expect(classifyStorageError(new QueryFailedError('SELECT 1', [], cancelled))).toEqual({
      kind: 'other',
    });
    expect(storageAppError(cancelled, 'down: retry later')).toBeUndefined();
  });

  it('leaves anything else to be logged as a 500', () => {
    expect(classifyStorageError(pgError('23505'))).toEqual({ kind: 'other' });
    expect(classifyStorageError(pgError('42P01'))).toEqual({ kind: 'other' });
    expect(classifyStorageError(socketError('EPIPE'))).toEqual({ kind: 'unavailable' });
    expect(classifyStorageError(new TypeError('x is undefined'))).toEqual({ kind: 'other' });
    expect(storageAppError(new TypeError('x'), 'down')).toBeUndefined();
  });

  it('maps to 503 with Retry-After, or to the 4xx', () => {
    const down = storageAppError(socketError('ECONNREFUSED'), 'down: retry later');
    expect(down).toBeInstanceOf(AppError);
    expect(down).toMatchObject({
      code: 'unavailable',
      message: 'down: retry later',
      headers: { 'Retry-After': '5' },
    });
    expect(storageAppError(pgError('22P05'), 'down')).toMatchObject({ code: 'bad_request' });
  });

  it('knows which errors surely came from the database', () => {
    expect(isStorageError(new QueryFailedError('SELECT 1', [], new Error('x')))).toBe(true);
    expect(isStorageError(pgError('22003'))).toBe(true);
    expect(isStorageError(new Error('Connection terminated unexpectedly'))).toBe(true);
    // An outgoing HTTP call's socket error is not the database's.
    expect(isStorageError(socketError('ECONNREFUSED'))).toBe(false);
    expect(isStorageError('text')).toBe(false);
  });
});
