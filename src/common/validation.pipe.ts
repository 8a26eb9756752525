import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from './validation-errors.js';

/** Rejects unknown fields and lists every problem with its path in `details`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new BadRequestException({
        message: `Request body is invalid: ${details.map((d) => d.message).join('; ')}`,
        details,
      });
    },
  });
}
