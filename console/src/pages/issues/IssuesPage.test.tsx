import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { issueFixture } from './fixtures';
import { IssuePage } from './IssuePage';
import { IssuesPage } from './IssuesPage';
import { NO_ISSUE_FILTERS } from './issues';
import { OpenIssues } from './OpenIssues';
import type { Issue } from './types';

afterEach(cleanup);

const OPEN = issueFixture();
const IGNORED = issueFixture({
  id: '7d1f6a52-0000-4000-8000-000000000002',
  stepId: 'shape',
  action: 'core.transform',
  errorCode: null,
  message: "record '4711' not found",
  status: 'ignored',
  count: 12,
  reopened: 2,
});

/** Data already in the cache and never stale: the page asks the server nothing. */
function withClient(node: ReactNode, issues: Issue[] = [OPEN, IGNORED]) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const page = (items: Issue[]) => ({
    pages: [{ items, nextCursor: null }],
    pageParams: [undefined],
  });
  client.setQueryData(['issues', NO_ISSUE_FILTERS], page(issues));
  client.setQueryData(
    ['issues', { status: 'open', flowId: '' }],
    page(issues.filter((i) => i.status === 'open')),
  );
  client.setQueryData(['flows', 'all'], { items: [], nextCursor: null });
  for (const issue of issues) client.setQueryData(['issue', issue.id], issue);
  return render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

const rows = () => screen.getAllByRole('row').slice(1);

describe('the issues page', () => {
  it('lists each issue with its status, flow and step, error, count and example runs', () => {
    withClient(<IssuesPage role="operator" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Issues' })).toBeTruthy();
    const [open, ignored] = rows();
    expect(open.textContent).toContain('Orders to ERP');
    expect(open.textContent).toContain('push (http.request)');
    expect(open.textContent).toContain('http_422');
    expect(open.textContent).toContain('HTTP 422: order 17 refused');
    const runs = within(open).getAllByRole('link', { name: /^Run / });
    expect(runs.map((a) => a.getAttribute('href'))).toEqual(
      OPEN.exampleRunIds.map((id) => `/runs/${id}`),
    );
    expect(ignored.textContent).toContain('by message');
    expect(ignored.textContent).toContain('reopened 2×');
    expect(within(open).getByRole('link', { name: 'Orders to ERP' }).getAttribute('href')).toBe(
      `/issues/${OPEN.id}`,
    );
  });

  it('gives an operator the actions each status allows', () => {
    withClient(<IssuesPage role="operator" />);
    const [open, ignored] = rows();
    const names = (row: HTMLElement) =>
      within(row)
        .queryAllByRole('button')
        .map((b) => b.textContent);
    expect(names(open)).toEqual(['Acknowledge', 'Resolve', 'Ignore']);
    expect(names(ignored)).toEqual(['Stop ignoring']);
    expect(
      screen.getByRole('button', { name: 'Acknowledge: Orders to ERP, step push' }),
    ).toBeTruthy();
  });

  it('shows a viewer no write button', () => {
    withClient(<IssuesPage role="viewer" />);
    for (const row of rows()) expect(within(row).queryAllByRole('button')).toEqual([]);
    expect(screen.getByLabelText('Status')).toBeTruthy();
  });
});

describe('one issue', () => {
  it('shows its facts, message and example runs; a viewer gets no button', () => {
    withClient(<IssuePage id={OPEN.id} role="viewer" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Orders to ERP · push' })).toBeTruthy();
    expect(screen.getByText('4 failed steps')).toBeTruthy();
    expect(screen.getByText('HTTP 422: order 17 refused')).toBeTruthy();
    expect(screen.getByRole('link', { name: `Run ${OPEN.exampleRunIds[0]}` })).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('gives an admin the actions', () => {
    withClient(<IssuePage id={OPEN.id} role="admin" />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Acknowledge',
      'Resolve',
      'Ignore',
    ]);
  });
});

describe("the overview's open issues", () => {
  it('lists only the open ones, linked to their pages', () => {
    withClient(<OpenIssues />);
    expect(rows()).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Orders to ERP · push' }).getAttribute('href')).toBe(
      `/issues/${OPEN.id}`,
    );
    expect(screen.getByRole('link', { name: 'All issues' })).toBeTruthy();
  });

  it('says when no issue is open', () => {
    withClient(<OpenIssues />, [IGNORED]);
    expect(screen.getByText('No open issue.')).toBeTruthy();
  });
});
