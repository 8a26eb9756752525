import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { api } from '../../api/client';
import { WebhookForm } from './WebhookForm';
import { EMPTY_FORM } from './webhookForm';

afterEach(cleanup);

const EVENTS = [
  { name: 'run.failed', description: 'A run failed: data names the failed step and its error' },
  { name: 'webhook.test', description: 'Sent by POST /webhooks/:id/test' },
];

function renderForm(props: Partial<Parameters<typeof WebhookForm>[0]> = {}) {
  const onSubmit = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <WebhookForm
        mode="create"
        initial={EMPTY_FORM}
        onSubmit={onSubmit}
        onCancel={vi.fn()}
        {...props}
      />
    </QueryClientProvider>,
  );
  return { onSubmit };
}

describe('WebhookForm', () => {
  beforeEach(() => {
    vi.spyOn(api, 'GET').mockResolvedValue({
      data: { items: EVENTS, nextCursor: null },
      response: new Response(null, { status: 200 }),
    } as never);
  });

  it('shows each error beside its field and sends nothing while the form is invalid', async () => {
    const { onSubmit } = renderForm();
    await screen.findByText(EVENTS[0].description);
    await userEvent.click(screen.getByRole('button', { name: 'Create subscription' }));
    const url = screen.getByLabelText('URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    const describedBy = url.getAttribute('aria-describedby')!.split(' ');
    expect(document.getElementById(describedBy[0])?.textContent).toBe(
      'Enter the URL Flowhub should POST events to.',
    );
    expect(screen.getByText('Pick at least one event.')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Events' }).getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(url));
    expect(onSubmit).not.toHaveBeenCalled();

    await userEvent.type(url, 'ftp://example.com');
    expect(screen.getByText('The URL must start with https:// or http://.')).toBeTruthy();
  });

  it('sends a valid form with the events ticked, the secret left to the server', async () => {
    const { onSubmit } = renderForm();
    await userEvent.type(screen.getByLabelText('URL'), 'https://ops.example.com/h');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'run.failed' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create subscription' }));
    expect(onSubmit).toHaveBeenCalledWith({
      ...EMPTY_FORM,
      url: 'https://ops.example.com/h',
      events: ['run.failed'],
    });
  });

  it("shows the server's 400 message, beside the field it names, too", () => {
    renderForm({ serverError: 'url: 127.0.0.1 is a loopback address' });
    expect(screen.getByRole('alert').textContent).toBe('url: 127.0.0.1 is a loopback address');
    expect(screen.getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');
  });

  it('has no secret field when editing (the secret changes only by rotation)', () => {
    renderForm({ mode: 'edit' });
    expect(screen.queryByLabelText(/secret/i)).toBeNull();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeTruthy();
  });
});
