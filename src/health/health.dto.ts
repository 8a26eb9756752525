import { ApiProperty } from '@nestjs/swagger';

export class AliveDto {
  @ApiProperty({ example: 'ok' }) status: string;
}

const indicators = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { status: { type: 'string' } } },
  example: { database: { status: 'up' }, queue: { status: 'up' } },
} as const;

/** @nestjs/terminus's check result when everything is up. */
export class ReadyDto {
  @ApiProperty({ example: 'ok' }) status: string;
  @ApiProperty({ ...indicators, description: 'Each check that is up' }) info: object;
  @ApiProperty({ ...indicators, description: 'Empty when ready' }) error: object;
  @ApiProperty({ ...indicators, description: 'Every check' }) details: object;
}
