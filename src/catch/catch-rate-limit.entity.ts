import { Column, Entity, PrimaryColumn } from 'typeorm';

/** ING-3: a token bucket per catch URL, shared by every api process through Postgres. */
@Entity({ name: 'catch_rate_limits' })
export class CatchRateLimitEntity {
  @PrimaryColumn({
    name: 'flow_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_catch_rate_limits',
  })
  flowId: string;

  @Column({ type: 'double precision' })
  tokens: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
