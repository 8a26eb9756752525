import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RESPOND_TIMEOUT_MS } from '../../engine/flow-definition.js';

const MODES = ['async', 'sync'] as const;
const TIMEOUT = `trigger.respond.timeoutMs must be whole milliseconds from 1 to ${RESPOND_TIMEOUT_MS.max}`;

/** trigger.respond: what the catch URL answers (docs/flows.md#synchronous-replies). */
export class RespondDto {
  @ApiProperty({
    enum: MODES,
    description: 'async: 202 at once (default); sync: wait for the run and answer with a step',
  })
  @IsIn(MODES, { message: 'trigger.respond.mode must be one of: async, sync' })
  mode: (typeof MODES)[number];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: RESPOND_TIMEOUT_MS.max,
    default: RESPOND_TIMEOUT_MS.default,
    description: 'sync: how long the sender waits for the run before a 202',
  })
  @IsOptional()
  @IsInt({ message: TIMEOUT })
  @Min(1, { message: TIMEOUT })
  @Max(RESPOND_TIMEOUT_MS.max, { message: TIMEOUT })
  timeoutMs?: number;

  @ApiPropertyOptional({
    example: 'reply',
    description:
      'sync: the step whose output is the reply; default the last core.respond step, else the last step to finish',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  from?: string;
}
