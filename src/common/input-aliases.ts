import { isDeepStrictEqual } from 'node:util';
import { AppError, ErrorCode } from './app-error.js';

/** camelCase field -> the snake_case name older clients send (e.g. `isActive` -> `is_active`). */
export type AliasMap<T> = Partial<Record<keyof T & string, string>>;

/**
 * Folds snake_case aliases into their camelCase fields: `{is_active: false}` reads as
 * `{isActive: false}`. Both forms with different values is a 400 naming both; the same value
 * twice is fine. Returns a copy without the alias keys.
 */
export function foldAliases<T extends object>(input: T, aliases: AliasMap<T>): T {
  const record = { ...input } as Record<string, unknown>;
  for (const [camel, snake] of Object.entries(aliases) as [string, string][]) {
    const alias = record[snake];
    delete record[snake];
    if (alias === undefined) continue;
    const value = record[camel];
    if (value !== undefined && !isDeepStrictEqual(value, alias)) {
      throw new AppError(
        ErrorCode.BadRequest,
        `${camel} and ${snake} are the same field and disagree: send only ${camel} (${snake} is its older name)`,
        [{ path: snake, message: `disagrees with ${camel}` }],
      );
    }
    record[camel] = alias;
  }
  return record as T;
}
