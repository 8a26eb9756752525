import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/app-error.js';
import { route } from '../common/links.js';
import { decodeCursor, encodeCursor } from '../common/page-cursor.js';
import { DEFAULT_PAGE_LIMIT, type Page } from '../common/page-list.js';
import { CURSOR_MESSAGE } from '../common/page-cursor.js';
import { DomainEvents } from '../events/domain-events.service.js';
import type { IssueStatus } from './issue.entity.js';
import { issueSummary } from './issue-summary.js';
import type { IssueDto, ListIssuesQueryDto } from './issues.dto.js';
import { IssuesRepository, type IssueRow } from './issues.repository.js';

const notFound = (id: string) =>
  new AppError(
    ErrorCode.NotFound,
    `No issue with id '${id}' (${route('GET', '/issues')} lists them; an issue of a deleted flow is gone with it)`,
  );

export function issueDto(row: IssueRow): IssueDto {
  const { flowId, flowName, ...rest } = issueSummary(row);
  return { ...rest, flow: { id: flowId, name: flowName }, status: row.status };
}

/** The issues API: list, read, and the status a person sets. */
@Injectable()
export class IssuesService {
  constructor(
    private readonly issues: IssuesRepository,
    private readonly domain: DomainEvents,
  ) {}

  async list(query: ListIssuesQueryDto): Promise<Page<IssueDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor)
      throw new AppError(ErrorCode.BadRequest, CURSOR_MESSAGE);
    const rows = await this.issues.list({
      status: query.status,
      flowId: query.flowId,
      after: cursor && { lastSeen: cursor.createdAt, id: cursor.id },
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(issueDto),
      nextCursor: rows.length > limit && last ? encodeCursor(last.last_seen_text, last.id) : null,
    };
  }

  async get(id: string): Promise<IssueDto> {
    const row = await this.issues.get(id);
    if (!row) throw notFound(id);
    return issueDto(row);
  }

  /** Sets the status; resolving sends issue.resolved, re-opening a resolved one issue.reopened. */
  async setStatus(id: string, status: IssueStatus): Promise<IssueDto> {
    if (!(await this.issues.get(id))) throw notFound(id);
    const previous = await this.issues.setStatus(id, status);
    const row = await this.issues.get(id);
    if (!previous || !row) throw notFound(id);
    if (previous !== status) {
      const issue = issueSummary(row);
      if (status === 'resolved') this.domain.emit('issue.resolved', { issue, by: 'user' });
      if (status === 'open' && previous === 'resolved')
        this.domain.emit('issue.reopened', { issue });
    }
    return issueDto(row);
  }
}
