import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Run } from '../../../api/client';
import { FlowTestPanel } from './FlowTestPanel';
import { failed, FLOW, mockApi, ok, renderWithQuery, REQUESTS } from './test-support';

afterEach(cleanup);

const RUN_ID = '44444444-4444-4444-8444-444444444444';

function run(status: string, dryRun: boolean): Run {
  const finished = status !== 'running';
  return {
    id: RUN_ID,
    flowId: FLOW.id,
    status,
    mode: dryRun ? 'dry-run' : 'live',
    steps: [
      {
        id: 'shape',
        action: 'core.transform',
        status: 'succeeded',
        input: { total: 10 },
        output: { total: 10 },
        reason: null,
        warnings: [],
        history: [],
      },
      {
        id: 'notify',
        action: 'http.request',
        status: finished ? 'skipped' : 'pending',
        input: { url: 'http://erp.example/hooks', body: { total: 10 } },
        output: null,
        reason: finished ? 'dry-run' : null,
        warnings: ['steps.deal is empty'],
        history: [],
      },
    ],
  } as unknown as Run;
}

describe('FlowTestPanel: running a test', () => {
  it("runs a picked past request in dry-run and shows each step's input and skip reason", async () => {
    const { post } = mockApi(async () => ok(run('succeeded', true)), [run('succeeded', true)]);
    renderWithQuery(<FlowTestPanel flow={FLOW} role="admin" />);
    const older = await screen.findByRole('radio', { name: /\{"amount":5\}/ });
    await userEvent.click(older);
    await userEvent.click(screen.getByRole('button', { name: 'Run dry-run' }));
    await screen.findByRole('heading', { name: /notify/ });
    expect(post).toHaveBeenCalledWith('/api/v1/flows/{id}/test', {
      params: { path: { id: FLOW.id } },
      body: { payload: { amount: 5 }, headers: {}, dryRun: true, wait: false },
    });
    const notify = screen.getByRole('listitem', { name: /notify/ });
    expect(within(notify).getByText(/Skipped: dry-run/)).toBeTruthy();
    expect(within(notify).getByText('steps.deal is empty')).toBeTruthy();
    expect(within(notify).getByText(/erp\.example/)).toBeTruthy();
    expect(within(notify).queryByText('Output')).toBeNull();
    const link = screen.getByRole('link', { name: 'Open the full run' });
    expect(link.getAttribute('href')).toBe(`/runs/${RUN_ID}`);
  });

  it('says that live mode performs side effects and sends dryRun false', async () => {
    const { post } = mockApi(async () => ok(run('succeeded', false)), [run('succeeded', false)]);
    renderWithQuery(<FlowTestPanel flow={FLOW} role="admin" />);
    await screen.findByRole('radio', { name: /\{"amount":21\}/ });
    expect(screen.queryByText(/performs the side effects/)).toBeNull();
    await userEvent.click(screen.getByRole('radio', { name: /Live/ }));
    expect(screen.getByText(/performs the side effects/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Run live' }));
    await screen.findByRole('link', { name: 'Open the full run' });
    expect(post.mock.calls[0][1]).toMatchObject({
      body: {
        payload: { amount: 21 },
        headers: { 'x-sender': 'shop' },
        dryRun: false,
        wait: false,
      },
    });
  });
});

describe('FlowTestPanel: a pasted payload', () => {
  it('checks a pasted payload before sending it', async () => {
    const { post } = mockApi(async () => ok(run('succeeded', true)), [run('succeeded', true)]);
    renderWithQuery(<FlowTestPanel flow={FLOW} role="admin" />);
    await userEvent.click(screen.getByRole('radio', { name: 'Paste a payload' }));
    const field = screen.getByLabelText(/Payload/);
    await userEvent.clear(field);
    await userEvent.type(field, '{{"amount": }');
    expect(screen.getByText('Not JSON: unexpected "}" (line 1, column 12)')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const button = screen.getByRole('button', { name: 'Run dry-run' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await userEvent.clear(field);
    await userEvent.type(field, '{{"amount": 3}');
    expect(screen.getByText('Valid JSON')).toBeTruthy();
    await userEvent.click(button);
    await screen.findByRole('link', { name: 'Open the full run' });
    expect(post.mock.calls[0][1]).toMatchObject({ body: { payload: { amount: 3 }, dryRun: true } });
  });
});

describe('FlowTestPanel: errors and progress', () => {
  it("shows the server's message when the test is refused", async () => {
    mockApi(async () => failed('The flow is paused: activate it first', 409));
    renderWithQuery(<FlowTestPanel flow={FLOW} role="admin" />);
    await screen.findByRole('radio', { name: /\{"amount":21\}/ });
    await userEvent.click(screen.getByRole('button', { name: 'Run dry-run' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The flow is paused: activate it first');
  });

  it('polls a run that is still running until it has finished', async () => {
    const runs = [run('running', true)];
    mockApi(async () => ok(runs[0], 202), runs);
    renderWithQuery(<FlowTestPanel flow={FLOW} role="admin" />);
    await screen.findByRole('radio', { name: /\{"amount":21\}/ });
    await userEvent.click(screen.getByRole('button', { name: 'Run dry-run' }));
    await screen.findByText(/Still running/);
    runs[0] = run('succeeded', true);
    await waitFor(() => expect(screen.queryByText(/Still running/)).toBeNull(), { timeout: 4000 });
    expect(screen.getByText(/Skipped: dry-run/)).toBeTruthy();
  });
});

describe('FlowTestPanel: roles and the request list', () => {
  it.each(['viewer', 'operator'] as const)(
    'shows a %s the requests but no run button',
    async (role) => {
      mockApi(async () => ok(run('succeeded', true)));
      renderWithQuery(<FlowTestPanel flow={FLOW} role={role} />);
      await screen.findByRole('radio', { name: /\{"amount":21\}/ });
      expect(screen.queryByRole('button', { name: /Run/ })).toBeNull();
      expect(screen.queryByRole('radio', { name: /Live/ })).toBeNull();
      expect(screen.getByText(/needs an admin key/)).toBeTruthy();
    },
  );

  it('lists past requests newest first with time, size and a preview', async () => {
    mockApi(async () => ok(run('succeeded', true)));
    renderWithQuery(<FlowTestPanel flow={FLOW} role="admin" />);
    const radios = await screen.findAllByRole('radio', { name: /amount/ });
    expect(radios.map((radio) => (radio as HTMLInputElement).value)).toEqual(
      REQUESTS.map((r) => r.id),
    );
    expect((radios[0] as HTMLInputElement).checked).toBe(true);
    expect(radios[0].closest('label')!.textContent).toContain('15 B');
  });
});
