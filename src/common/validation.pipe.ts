import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { apiInputProblem, type InputLocation } from './api-input-limits.js';
import { AppError, type ErrorDetail, ErrorCode } from './app-error.js';
import { flattenValidationErrors } from './validation-errors.js';

/** A response lists at most this many problems (a body with 10,000 unknown keys has 10,000). */
export const MAX_ERROR_DETAILS = 50;
const MESSAGE_DETAILS = 10;

/** What the exception factory throws; `transform` words it for the body or the query. */
class InvalidInput extends Error {
  constructor(readonly details: ErrorDetail[]) {
    super('invalid input');
  }
}

function locationOf(metadata: ArgumentMetadata): InputLocation {
  return metadata.type === 'query' ? 'Query' : 'Request body';
}

/** What a body that is not a JSON object is, for the message. */
function kindOf(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (Buffer.isBuffer(value)) return 'raw bytes: Content-Type was not application/json';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string (a JSON string or a text/* body)';
  if (typeof value !== 'object') return `a ${typeof value}`;
  return undefined;
}

export function invalidInputError(where: InputLocation, details: ErrorDetail[]): AppError {
  const messages = details.slice(0, MESSAGE_DETAILS).map((d) => d.message);
  const more = details.length - messages.length;
  const tail = more > 0 ? `; and ${more} more (see details)` : '';
  return new AppError(
    ErrorCode.BadRequest,
    `${where} is invalid: ${messages.join('; ')}${tail}`,
    details.slice(0, MAX_ERROR_DETAILS),
  );
}

/**
 * The global pipe: rejects unknown fields and lists every problem with its path in `details`.
 * Path parameters are left to their own pipes (uuidParam, intParam).
 * Before class-transformer (which recurses) sees a value, the value must be a JSON object
 * (bodies) within the API's nesting and size limits, holding only text PostgreSQL can store.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors: ValidationError[]) =>
        new InvalidInput(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Path parameters stay the strings they are: their own pipes parse them strictly
    // (Nest's conversion would turn '0x10' into 16 and '1e400' into Infinity first).
    if (metadata.type === 'param') return value;
    if (!metadata.metatype || !this.toValidate(metadata)) return super.transform(value, metadata);
    const where = locationOf(metadata);
    const kind = metadata.type === 'body' && value !== undefined ? kindOf(value) : undefined;
    if (kind) {
      const message = `${where} must be a JSON object sent as Content-Type: application/json, not ${kind}`;
      throw new AppError(ErrorCode.BadRequest, message, [{ path: '', message }]);
    }
    const problem = apiInputProblem(value, where);
    if (problem) throw new AppError(ErrorCode.BadRequest, problem.message, [problem]);
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof InvalidInput) throw invalidInputError(where, error.details);
      throw error;
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe();
}
