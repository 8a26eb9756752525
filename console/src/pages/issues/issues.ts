import { can, type Role } from '../../roles';
import type { Issue, IssueStatus } from './types';

/** A status an operator may set from here, with its button's label. */
export interface IssueAction {
  status: IssueStatus;
  label: string;
}

const ACKNOWLEDGE: IssueAction = { status: 'acknowledged', label: 'Acknowledge' };
const RESOLVE: IssueAction = { status: 'resolved', label: 'Resolve' };
const IGNORE: IssueAction = { status: 'ignored', label: 'Ignore' };
const REOPEN: IssueAction = { status: 'open', label: 'Reopen' };

const BY_STATUS: Record<IssueStatus, IssueAction[]> = {
  open: [ACKNOWLEDGE, RESOLVE, IGNORE],
  acknowledged: [RESOLVE, IGNORE],
  resolved: [REOPEN, IGNORE],
  ignored: [{ status: 'open', label: 'Stop ignoring' }],
};

/** The buttons an issue shows: none for a viewer (the API answers 403 to a viewer's PATCH). */
export function issueActions(role: Role, status: IssueStatus): IssueAction[] {
  return can(role, 'operator') ? BY_STATUS[status] : [];
}

/** Codes that name only a class of failure: the server groups those by message too. */
const GENERIC_CODES = ['fatal', 'retryable', 'error'];

/** What groups the issue's failures, in words. */
export function groupedBy(issue: Pick<Issue, 'errorCode'>): string {
  if (!issue.errorCode) return 'by message';
  if (GENERIC_CODES.includes(issue.errorCode)) return `${issue.errorCode}, by message`;
  return issue.errorCode;
}

export interface IssueFilters {
  status: IssueStatus | '';
  flowId: string;
}

export const NO_ISSUE_FILTERS: IssueFilters = { status: '', flowId: '' };

/** The query string of GET /api/v1/issues for these filters (empty ones left out). */
export function issuesQuery(filters: IssueFilters, limit: number, cursor?: string) {
  return {
    limit,
    cursor,
    status: filters.status || undefined,
    flowId: filters.flowId || undefined,
  };
}

/** The sentence a status change leaves in the page's status line. */
export function changedSentence(issue: Pick<Issue, 'flow' | 'stepId' | 'status'>): string {
  const what = `${issue.flow.name} · ${issue.stepId}`;
  if (issue.status === 'open') return `${what} is open again.`;
  return `${what} is ${issue.status} now.`;
}
