import type { components } from '../../api/schema';

export type Issue = components['schemas']['IssueDto'];
export type IssueStatus = Issue['status'];

export const ISSUE_STATUSES: IssueStatus[] = ['open', 'acknowledged', 'resolved', 'ignored'];
