import { AppError, ErrorCode } from './app-error.js';

/**
 * What a failed database call means for the caller, decided in one place: the database could
 * not be reached (503 with Retry-After: retrying later helps), a concurrent transaction
 * conflicted with this one (PostgreSQL rolled it back: the caller retries the statement itself,
 * see `withConflictRetries`; one that keeps conflicting is a 500, logged: a lock-order bug, and
 * a 503 is kept for an unreachable database only), the request held a value PostgreSQL refuses
 * to store (a 4xx: retrying the same request never helps), or anything else (a 500, logged).
 */
export type StorageFailure =
  | { kind: 'unavailable' }
  | { kind: 'conflict'; state: string; reason: string }
  | { kind: 'data'; status: 400 | 413; message: string }
  | { kind: 'other' };

/** Node socket errors: the database host did not answer or dropped the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Wordings of pg and pg-pool (and TypeORM) when there is no connection to be had. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not currently accepting connections|Client has encountered a connection error|Driver not Connected/i;

/**
 * SQLSTATEs that mean "no database to talk to right now": class 08 connection exception, class
 * 53 insufficient resources (too many connections, out of memory or disk), 57P01-57P04 admin or
 * crash shutdown / cannot connect now. Not 57014 (a statement cancelled): Flowhub sets no
 * statement_timeout, so a cancel is someone's pg_cancel_backend or a bug, a 500 that is logged.
 * Not 08P01 (protocol violation, e.g. a statement sent with more parameters than it has): the
 * database answered, our statement is wrong; a 500 that is logged.
 */
const unavailableState = (code: string) =>
  (code.startsWith('08') && code !== '08P01') || code.startsWith('53') || /^57P0[1-4]$/.test(code);

/**
 * Class 40 transaction rollbacks that a retry resolves: PostgreSQL rolled the whole transaction
 * back because a concurrent one conflicted with it ("applications must be prepared to retry").
 */
const CONFLICT_REASONS: Record<string, string> = {
  '40001': 'serialization failure: a concurrent transaction changed the same rows',
  '40P01': 'deadlock detected: a concurrent transaction held the rows this one needed',
};

/** Class 22 (data exception) and 54 (a value too large to store), said as what to fix. */
const DATA_MESSAGES: Record<string, string> = {
  '22P05':
    'it holds a character PostgreSQL cannot store (U+0000 or a lone surrogate in a string): remove it',
  '22021':
    'it holds a character PostgreSQL cannot store (U+0000 or bytes that are not UTF-8): remove it',
  '22003': 'a number in it is out of range: send a smaller number',
  '22001': 'a value in it is too long: send a shorter one',
  '22P02': 'a value in it is not in the expected format (a number, id or JSON): correct it',
  '22007': 'a date or time in it is not valid: send an ISO 8601 date-time',
  '22008': 'a date or time in it is out of range: send a date between 4713 BC and 294276 AD',
};

/**
 * The SQLSTATE of an error PostgreSQL sent (pg's DatabaseError always has a severity), also
 * through TypeORM's QueryFailedError (driverError). Node's socket codes are not SQLSTATEs.
 */
function sqlState(error: unknown): string | undefined {
  const { code, severity, driverError } = (error ?? {}) as Record<string, unknown>;
  if (typeof code === 'string' && typeof severity === 'string') return code;
  return driverError && driverError !== error ? sqlState(driverError) : undefined;
}

function networkCode(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  const driver = (error as { driverError?: unknown } | null)?.driverError;
  return [cause, driver].some((inner) => inner && inner !== error && networkCode(inner));
}

/** Classifies an error thrown by a database call (pg, pg-pool or TypeORM). */
export function classifyStorageError(error: unknown): StorageFailure {
  const state = sqlState(error);
  const message = error instanceof Error ? error.message : '';
  if ((state && unavailableState(state)) || UNAVAILABLE_MESSAGE.test(message)) {
    return { kind: 'unavailable' };
  }
  if (state && CONFLICT_REASONS[state]) {
    return { kind: 'conflict', state, reason: CONFLICT_REASONS[state] };
  }
  if (state?.startsWith('22') || state?.startsWith('54')) return dataFailure(state);
  return !state && networkCode(error) ? { kind: 'unavailable' } : { kind: 'other' };
}

function dataFailure(state: string): StorageFailure {
  const tooLarge = state.startsWith('54');
  const what =
    DATA_MESSAGES[state] ??
    (tooLarge
      ? 'it is too large or too complex for PostgreSQL to store: send a smaller one'
      : 'a value in it cannot be stored: correct it');
  const message = `PostgreSQL refused this request (SQLSTATE ${state}): ${what}`;
  return { kind: 'data', status: tooLarge ? 413 : 400, message };
}

/**
 * True for an error that surely came from the database (TypeORM's QueryFailedError, an error
 * PostgreSQL sent, or pg's own words for a lost connection), as the exception filter needs:
 * a bare socket error there may as well come from an outgoing HTTP call.
 */
export function isStorageError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.constructor?.name === 'QueryFailedError' || sqlState(error) !== undefined) return true;
  return UNAVAILABLE_MESSAGE.test(error.message);
}

const RETRY_AFTER = { 'Retry-After': '5' };

/**
 * The HTTP error for a failed database call: 503 with Retry-After (saying `unavailable`) when
 * the database could not be reached, 400/413 when it refused a value; undefined for anything
 * else (a conflict that retries did not resolve included), which the exception filter logs and
 * answers 500.
 */
export function storageAppError(error: unknown, unavailable: string): AppError | undefined {
  const failure = classifyStorageError(error);
  if (failure.kind === 'unavailable') {
    return new AppError(ErrorCode.Unavailable, unavailable, undefined, RETRY_AFTER);
  }
  if (failure.kind === 'data') {
    const code = failure.status === 413 ? ErrorCode.PayloadTooLarge : ErrorCode.BadRequest;
    return new AppError(code, failure.message);
  }
  return undefined;
}

/**
 * Runs one self-contained database call (a single statement or its own transaction), again
 * when PostgreSQL rolled it back for a conflicting transaction (40001, 40P01): at most
 * `attempts` times, a few milliseconds apart. Any other error, or the last conflict, is thrown.
 */
export async function withConflictRetries<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || classifyStorageError(error).kind !== 'conflict') throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}
