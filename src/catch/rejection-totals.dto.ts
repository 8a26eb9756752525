import { ApiProperty } from '@nestjs/swagger';

/** GET /api/v1/flows/:id/rejections: what the catch URL refused, counted per reason. */
export class RejectionTotalsDto {
  @ApiProperty({ example: 3 }) total: number;
  @ApiProperty({
    type: 'object',
    description:
      'Per reason (bad-signature, stale-timestamp, rate-limited, ...): count and last time',
    additionalProperties: {
      type: 'object',
      properties: { count: { type: 'integer' }, lastAt: { type: 'string', format: 'date-time' } },
    },
    example: { 'bad-signature': { count: 3, lastAt: '2026-12-02T10:00:00.000Z' } },
  })
  byReason: Record<string, { count: number; lastAt: string }>;
}
