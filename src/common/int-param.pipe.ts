import type { PipeTransform } from '@nestjs/common';
import { AppError, ErrorCode } from './app-error.js';

/** The largest PostgreSQL `integer`. */
export const MAX_INT32 = 2_147_483_647;

/**
 * A path parameter that must be a whole number from `min` to `max`, written in plain decimal
 * digits: `1.5`, `1e3`, `0x10`, ` 1`, `-1` and 99999999999999999999 are refused with a 400
 * that names the range, so they never reach the database.
 */
export function intParam(name: string, min: number, max: number, hint: string): PipeTransform {
  const message = `${name} must be a whole number from ${min} to ${max} (${hint})`;
  return {
    transform(value: unknown): number {
      const text = typeof value === 'string' ? value : '';
      const number = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
      if (!(number >= min && number <= max)) throw new AppError(ErrorCode.BadRequest, message);
      return number;
    },
  };
}
