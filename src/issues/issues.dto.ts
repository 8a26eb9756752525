import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageDto } from '../common/page-dto.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { ISSUE_STATUSES, type IssueStatus } from './issue.entity.js';

const STATUS_MESSAGE = `status must be one of ${ISSUE_STATUSES.join(', ')}`;

export class IssueFlowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class IssueDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: IssueFlowDto }) flow: IssueFlowDto;
  @ApiProperty({ description: "The step's id in the flow" }) stepId: string;
  @ApiProperty({ example: 'http.request' }) action: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'HTTP_422',
    description:
      'What groups the failures; null: grouped by their message with numbers, ids and quoted values taken out',
  })
  errorCode: string | null;
  @ApiProperty({ description: "The latest failure's error message" }) message: string;
  @ApiProperty({ enum: ISSUE_STATUSES }) status: IssueStatus;
  @ApiProperty({ description: 'Failed steps counted (each run and step once)' }) count: number;
  @ApiProperty({ format: 'date-time' }) firstSeenAt: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
  @ApiProperty({
    type: [String],
    description: 'The newest runs it failed in (at most 5), newest first',
  })
  exampleRunIds: string[];
  @ApiProperty({ description: 'How often it recurred after being resolved' }) reopened: number;
  @ApiProperty({ format: 'date-time' }) statusChangedAt: string;
}

export class IssuePageDto extends PageDto(IssueDto, 'IssuePageDto') {}

export class ListIssuesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ISSUE_STATUSES })
  @IsOptional()
  @IsIn(ISSUE_STATUSES, { message: STATUS_MESSAGE })
  status?: IssueStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'flowId must be a flow id (a uuid)' })
  flowId?: string;
}

export class UpdateIssueDto {
  @ApiProperty({
    enum: ISSUE_STATUSES,
    description:
      'acknowledged: someone is on it; resolved: fixed (a recurrence re-opens it); ignored: stays ignored (still counted); open: back to open',
  })
  @IsIn(ISSUE_STATUSES, { message: STATUS_MESSAGE })
  status: IssueStatus;
}
