import type { Issue } from './types';

/** An issue as GET /issues answers it, for component tests. */
export function issueFixture(overrides: Partial<Issue> = {}): Issue {
  return {
    id: '7d1f6a52-0000-4000-8000-000000000001',
    flow: { id: 'f0000000-0000-4000-8000-000000000001', name: 'Orders to ERP' },
    stepId: 'push',
    action: 'http.request',
    errorCode: 'http_422',
    message: 'HTTP 422: order 17 refused',
    status: 'open',
    count: 4,
    firstSeenAt: '2026-12-03T09:00:00Z',
    lastSeenAt: '2026-12-03T10:00:00Z',
    exampleRunIds: ['a0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000001'],
    reopened: 0,
    statusChangedAt: '2026-12-03T09:00:00Z',
    ...overrides,
  };
}
