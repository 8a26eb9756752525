import { describe, expect, it } from 'vitest';
import { changedSentence, groupedBy, issueActions, issuesQuery, NO_ISSUE_FILTERS } from './issues';

const labels = (
  role: 'viewer' | 'operator' | 'admin',
  status: Parameters<typeof issueActions>[1],
) => issueActions(role, status).map((a) => `${a.label}>${a.status}`);

describe('what each role may do to an issue', () => {
  it('gives a viewer no action on any status', () => {
    for (const status of ['open', 'acknowledged', 'resolved', 'ignored'] as const) {
      expect(issueActions('viewer', status)).toEqual([]);
    }
  });

  it('lets operators and admins move an issue on from its status', () => {
    for (const role of ['operator', 'admin'] as const) {
      expect(labels(role, 'open')).toEqual([
        'Acknowledge>acknowledged',
        'Resolve>resolved',
        'Ignore>ignored',
      ]);
      expect(labels(role, 'acknowledged')).toEqual(['Resolve>resolved', 'Ignore>ignored']);
      expect(labels(role, 'resolved')).toEqual(['Reopen>open', 'Ignore>ignored']);
      expect(labels(role, 'ignored')).toEqual(['Stop ignoring>open']);
    }
  });
});

describe('the issues list query', () => {
  it('leaves empty filters out', () => {
    expect(issuesQuery(NO_ISSUE_FILTERS, 50)).toEqual({
      limit: 50,
      cursor: undefined,
      status: undefined,
      flowId: undefined,
    });
  });

  it('passes status, flow and the cursor of the next page', () => {
    expect(issuesQuery({ status: 'open', flowId: 'f1' }, 10, 'c2')).toEqual({
      limit: 10,
      cursor: 'c2',
      status: 'open',
      flowId: 'f1',
    });
  });
});

describe('words', () => {
  it('names the error code, or says the failures are grouped by message', () => {
    expect(groupedBy({ errorCode: 'http_422' })).toBe('http_422');
    expect(groupedBy({ errorCode: null })).toBe('by message');
    expect(groupedBy({})).toBe('by message');
    expect(groupedBy({ errorCode: 'fatal' })).toBe('fatal, by message');
  });

  it('says what a status change did', () => {
    const flow = { id: 'f1', name: 'Orders' };
    expect(changedSentence({ flow, stepId: 'push', status: 'acknowledged' })).toBe(
      'Orders · push is acknowledged now.',
    );
    expect(changedSentence({ flow, stepId: 'push', status: 'open' })).toBe(
      'Orders · push is open again.',
    );
  });
});
