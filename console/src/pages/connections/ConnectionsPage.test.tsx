import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionsPage } from './ConnectionsPage';
import { ERP, HTTP, ZOHO_CRM, ZOHO_INVENTORY } from './fixtures';

afterEach(cleanup);

/** Data already in the cache and never stale: nothing is asked of the server. */
function withClient(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(['connections'], { items: [ERP], nextCursor: null });
  client.setQueryData(['plugins'], { items: [HTTP, ZOHO_CRM, ZOHO_INVENTORY], nextCursor: null });
  return render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

describe('the connections page by role', () => {
  it.each(['viewer', 'operator'] as const)('shows a %s the list without any button', (role) => {
    withClient(<ConnectionsPage role={role} />);
    const row = screen.getByRole('row', { name: /erp/ });
    expect(row.textContent).toContain('https://erp.example.com/api');
    expect(within(row).getByText('set')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('gives an admin New connection, one Connect with Zoho, and Test, Edit, Delete per row', () => {
    withClient(<ConnectionsPage role="admin" />);
    expect(screen.getByRole('button', { name: 'New connection' })).toBeTruthy();
    expect(
      screen.getAllByRole('button', { name: /^Connect with/ }).map((b) => b.textContent),
    ).toEqual(['Connect with Zoho']);
    for (const label of ['Test erp', 'Edit erp', 'Delete erp'])
      expect(screen.getByRole('button', { name: label })).toBeTruthy();
  });

  it('opens the Zoho sign-in with the data centre to choose and the overrides under Advanced', () => {
    withClient(<ConnectionsPage role="admin" />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect with Zoho' }));
    expect(screen.getByRole('heading', { name: 'Connect with Zoho' })).toBeTruthy();
    const centre = screen.getByLabelText(/^Data center/) as HTMLSelectElement;
    expect([...centre.options].map((o) => o.value)).toEqual(['', 'us', 'eu']);
    expect(screen.getByLabelText(/^Product/)).toBeTruthy();
    expect(screen.queryByLabelText(/^Refresh token/)).toBeNull(); // Zoho issues it
    fireEvent.click(screen.getByRole('button', { name: 'Continue to Zoho' }));
    expect(screen.getByText(/Name the connection/)).toBeTruthy();
    expect(screen.getByText('Client ID is required.')).toBeTruthy();
  });

  it('shows the outcome of the sign-in that sent the browser back, and cleans the URL', () => {
    window.history.replaceState(null, '', `/connections?connected=${ERP.id}`);
    withClient(<ConnectionsPage role="admin" />);
    expect(screen.getByRole('status', { name: '' }).textContent).toContain(
      'erp (http) was created',
    );
    expect(window.location.search).toBe('');
    window.history.replaceState(
      null,
      '',
      '/connections?connectError=Zoho%20did%20not%20grant%20access',
    );
    cleanup();
    withClient(<ConnectionsPage role="admin" />);
    expect(screen.getByRole('alert').textContent).toContain('Zoho did not grant access');
  });
});

describe('editing a connection', () => {
  it('never fills a secret: it says "set", and the input starts empty', () => {
    const client = new QueryClient();
    render(
      <QueryClientProvider client={client}>
        <ConnectionForm plugin={HTTP} connection={ERP} onSaved={vi.fn()} onCancel={vi.fn()} />
      </QueryClientProvider>,
    );
    const token = screen.getByLabelText(/^Token/) as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(screen.getByText(/Set\. Leave empty to keep it/)).toBeTruthy();
    expect((screen.getByLabelText(/^Base URL/) as HTMLInputElement).value).toBe(
      'https://erp.example.com/api',
    );
    fireEvent.change(screen.getByLabelText(/^Base URL/), {
      target: { value: 'https://other.example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText(/Type Token again/)).toBeTruthy();
  });
});
