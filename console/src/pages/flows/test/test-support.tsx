import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { api, type Flow, type Run } from '../../../api/client';
import type { StoredRequest } from './logic';

/** For the component tests: a flow, its past requests and runs, and the API answering them. */
export const FLOW = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Orders',
  definition: {
    name: 'Orders',
    trigger: { type: 'webhook' },
    steps: [
      { id: 'shape', action: 'core.transform', map: "{ 'total': amount * 2 }" },
      {
        id: 'notify',
        action: 'http.request',
        map: "{ 'body': { 'total': $steps.shape.total } }",
        when: 'amount > 0',
      },
      { id: 'each', action: 'core.transform', forEach: 'lines', map: "{ 'sku': $item.sku }" },
    ],
  },
} as unknown as Flow;

export const REQUESTS: StoredRequest[] = [
  {
    id: '22222222-2222-4222-8222-222222222222',
    receivedAt: '2026-12-03T10:05:00.000Z',
    method: 'POST',
    contentType: 'application/json',
    size: 15,
    sourceIp: '127.0.0.1',
    headers: { 'x-sender': 'shop', 'content-length': '15' },
    query: {},
    body: { amount: 21 } as unknown as StoredRequest['body'],
  },
  {
    id: '33333333-3333-4333-8333-333333333333',
    receivedAt: '2026-12-03T10:00:00.000Z',
    method: 'POST',
    contentType: 'application/json',
    size: 14,
    sourceIp: '127.0.0.1',
    headers: {},
    query: {},
    body: { amount: 5 } as unknown as StoredRequest['body'],
  },
];

export function ok<T>(data: T, status = 200) {
  return { data, error: undefined, response: new Response(null, { status }) };
}

export function failed(message: string, status: number) {
  return { data: undefined, error: { message }, response: new Response(null, { status }) };
}

type Answer = ReturnType<typeof ok> | ReturnType<typeof failed>;
type Call = { params?: { path?: { id?: string } }; body?: unknown; signal?: AbortSignal };

/**
 * api.GET answers the flow's requests and runs, and `runs` by id; api.POST is left to each
 * test (`post`). Returns both spies.
 */
export function mockApi(post: (path: string, init: Call) => Promise<Answer>, runs: Run[] = []) {
  const get = vi.spyOn(api, 'GET').mockImplementation((async (path: string, init: Call) => {
    if (path === '/api/v1/flows/{id}/requests') return ok({ items: REQUESTS, nextCursor: null });
    if (path === '/api/v1/runs') return ok({ items: runs, nextCursor: null });
    if (path === '/api/v1/runs/{id}') {
      const run = runs.find((r) => r.id === init.params?.path?.id);
      return run ? ok(run) : failed('No such run', 404);
    }
    return failed(`unexpected GET ${path}`, 500);
  }) as never);
  const postSpy = vi.spyOn(api, 'POST').mockImplementation(post as never);
  return { get, post: postSpy };
}

export function renderWithQuery(node: ReactNode) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}
