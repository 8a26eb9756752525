import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Flow } from '../../../api/client';
import type { Role } from '../../../roles';
import { FlowActions } from './FlowActions';

afterEach(cleanup);

const flow = (status: Flow['status'], verify = false) =>
  ({
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Orders',
    status,
    version: 1,
    catchUrl: 'http://x/webhook/catch/id/key',
    verifySecrets: [],
    definition: {
      name: 'Orders',
      trigger: { type: 'webhook', ...(verify ? { verify: { preset: 'hmac' } } : {}) },
      steps: [],
    },
  }) as unknown as Flow;

function buttons(role: Role, shown: Flow): string[] {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <FlowActions flow={shown} role={role} />
    </QueryClientProvider>,
  );
  return screen.queryAllByRole('button').map((button) => button.textContent ?? '');
}

describe('FlowActions by role', () => {
  it('shows a viewer nothing', () => {
    expect(buttons('viewer', flow('active', true))).toEqual([]);
  });

  it('shows an operator Pause, or Activate on a paused flow, and nothing else', () => {
    expect(buttons('operator', flow('active', true))).toEqual(['Pause']);
    cleanup();
    expect(buttons('operator', flow('paused'))).toEqual(['Activate']);
  });

  it('shows an admin rotate and delete too, and the secret only with trigger.verify', () => {
    expect(buttons('admin', flow('active'))).toEqual(['Pause', 'Rotate catch key', 'Delete flow']);
    cleanup();
    expect(buttons('admin', flow('paused', true))).toEqual([
      'Activate',
      'Rotate catch key',
      'Rotate signing secret',
      'Delete flow',
    ]);
  });
});
