import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Role } from '../../roles';
import type { Delivery, Webhook } from './types';
import { WebhookPage } from './WebhookPage';
import { WebhooksPage } from './WebhooksPage';

afterEach(cleanup);

const WEBHOOK: Webhook = {
  id: '7f1c2b1e-0000-4000-8000-000000000001',
  url: 'https://ops.example.com/hook',
  events: ['run.failed'],
  description: 'Ops alerts',
  isActive: false,
  retrySchedule: [60, 300],
  includeRequestBody: false,
  signatureFormat: 'sha256-prefixed',
  consecutiveFailures: 5,
  disabledReason: '5 deliveries in a row failed after every retry; the last: HTTP 500',
  disabledAt: '2026-12-03T10:00:00.000Z',
  previousSecretExpiresAt: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-03T10:00:00.000Z',
};

const DELIVERY = {
  id: '7f1c2b1e-0000-4000-8000-000000000002',
  event: 'run.failed',
  messageId: 'msg_abc',
  status: 'failed',
  attempts: [
    {
      attempt: 1,
      trigger: 'automatic',
      startedAt: '2026-12-03T09:59:00.000Z',
      durationMs: 40,
      requestHeaders: { 'webhook-id': 'msg_abc' },
      status: 500,
      errorClass: null,
      error: 'HTTP 500',
      responseHeaders: {},
      responseBody: '{"error":"down"}',
      nextAttemptAt: null,
    },
  ],
  nextAttemptAt: null,
  lastError: 'HTTP 500',
  payload: '{"event":"run.failed"}',
  createdAt: '2026-12-03T09:59:00.000Z',
  finishedAt: '2026-12-03T09:59:01.000Z',
} as Delivery;

function answer(path: string) {
  if (path === '/api/v1/webhooks/{id}') return WEBHOOK;
  if (path === '/api/v1/webhooks') return { items: [WEBHOOK], nextCursor: null };
  if (path === '/api/v1/webhooks/{id}/deliveries') return { items: [DELIVERY], nextCursor: null };
  return { items: [], nextCursor: null };
}

function renderPage(page: 'list' | 'one', role: Role) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      {page === 'one' ? <WebhookPage id={WEBHOOK.id} role={role} /> : <WebhooksPage role={role} />}
    </QueryClientProvider>,
  );
}

const WRITES = /Edit|Send test event|Rotate secret|Delete|Redeliver|Re-enable|New subscription/;

describe('what each role sees on the webhooks pages', () => {
  beforeEach(() => {
    vi.spyOn(api, 'GET').mockImplementation(((path: string) =>
      Promise.resolve({
        data: answer(path),
        response: new Response(null, { status: 200 }),
      })) as never);
  });

  it.each<Role>(['viewer', 'operator'])(
    'a %s reads the state and the log, and writes nothing',
    async (role) => {
      renderPage('one', role);
      await screen.findByText(/^Auto-paused$/);
      await screen.findByRole('heading', { name: 'run.failed' });
      expect(screen.getByRole('button', { name: 'Show details' })).toBeTruthy();
      expect(screen.queryAllByRole('button', { name: WRITES })).toEqual([]);
    },
  );

  it('an admin gets every control, Re-enable on an auto-paused subscription', async () => {
    renderPage('one', 'admin');
    await screen.findByRole('heading', { name: 'run.failed' });
    for (const name of [
      'Edit',
      'Send test event',
      'Rotate secret',
      'Delete',
      'Redeliver',
      'Re-enable',
    ])
      expect(screen.getByRole('button', { name })).toBeTruthy();
  });

  it('offers New subscription on the list to admins only', async () => {
    renderPage('list', 'viewer');
    await screen.findByRole('link', { name: WEBHOOK.url });
    expect(screen.queryByRole('button', { name: 'New subscription' })).toBeNull();
    expect(screen.getByText('auto-paused')).toBeTruthy();
    cleanup();
    renderPage('list', 'admin');
    expect(await screen.findByRole('button', { name: 'New subscription' })).toBeTruthy();
  });
});
