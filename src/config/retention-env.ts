import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Retention's variables (docs/operations.md#retention); EnvSchema extends this class. */
export const RETENTION_ENV_NAMES = ['FLOWHUB_RETENTION_DAYS', 'FLOWHUB_PRUNE_INTERVAL_MS'] as const;

const DAYS = 'FLOWHUB_RETENTION_DAYS must be an integer between 1 and 3650 (days)';
const INTERVAL = 'FLOWHUB_PRUNE_INTERVAL_MS must be an integer between 1000 and 86400000';

export class RetentionEnv {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: DAYS })
  @Min(1, { message: DAYS })
  @Max(3650, { message: DAYS })
  FLOWHUB_RETENTION_DAYS: number = 30;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: INTERVAL })
  @Min(1000, { message: INTERVAL })
  @Max(86_400_000, { message: INTERVAL })
  FLOWHUB_PRUNE_INTERVAL_MS: number = 600_000;
}
