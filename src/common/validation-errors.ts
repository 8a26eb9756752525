import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from './app-error.js';

/** class-validator errors as {path, message}, with array indexes as `steps[1].map`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const path = parent ? `${parent}${segment.startsWith('[') ? '' : '.'}${segment}` : segment;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
