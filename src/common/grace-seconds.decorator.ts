import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** At most 30 days. */
const MAX_GRACE_SECONDS = 2_592_000;

/** `graceSeconds` of the rotate endpoints: how long the old key or secret keeps working. */
export function GraceSeconds(defaultSeconds: number, description: string) {
  return applyDecorators(
    ApiPropertyOptional({
      minimum: 0,
      maximum: MAX_GRACE_SECONDS,
      default: defaultSeconds,
      description,
    }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(MAX_GRACE_SECONDS),
  );
}
