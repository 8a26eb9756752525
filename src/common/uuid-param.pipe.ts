import { ParseUUIDPipe } from '@nestjs/common';
import { AppError, ErrorCode } from './app-error.js';

/** A path id that must be a UUID; the 400 says what kind of id was expected. */
export function uuidParam(what: string): ParseUUIDPipe {
  const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new AppError(ErrorCode.BadRequest, `id must be a UUID: ${article} ${what}`),
  });
}
