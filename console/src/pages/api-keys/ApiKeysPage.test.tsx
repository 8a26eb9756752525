import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiKeysPage } from './ApiKeysPage';
import { CreateKeyForm } from './CreateKeyForm';
import { createBody, nameProblem, revokeWarning, ROLE_CHOICES, type ApiKey } from './keys';

afterEach(cleanup);

const KEYS = [
  { id: 'k1', name: 'admin (FLOWHUB_ADMIN_KEY)', role: 'admin', hint: 'fh_Aa…' },
  { id: 'k2', name: 'ci', role: 'operator', hint: 'fh_Bb…' },
].map((key) => ({ ...key, createdAt: '2026-12-03T10:00:00Z', lastUsedAt: null, revokedAt: null }));

/** Data already in the cache and never stale: the page asks the server nothing. */
function withClient(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(['api-keys'], { items: KEYS, nextCursor: null });
  client.setQueryData(['session'], { apiKey: KEYS[0], expiresAt: null });
  return render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

describe('the API keys page by role', () => {
  it.each(['viewer', 'operator'] as const)('tells a %s that only admins manage keys', (role) => {
    withClient(<ApiKeysPage role={role} />);
    expect(screen.getByRole('heading', { level: 1, name: 'API keys' })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('Only admins manage API keys');
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryByLabelText('Name')).toBeNull();
  });

  it('lists the keys for an admin, marks the session’s own, and opens the revoke dialog', () => {
    withClient(<ApiKeysPage role="admin" />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('th')!.textContent)).toEqual([
      'admin (FLOWHUB_ADMIN_KEY)this sessionfh_Aa…',
      'cifh_Bb…',
    ]);
    expect(rows[1].textContent).toContain('operator');
    expect(rows[1].textContent).toContain('never');
    fireEvent.click(screen.getByRole('button', { name: 'Revoke ci' }));
    expect(screen.getByRole('heading', { name: 'Revoke ci?' })).toBeTruthy();
    expect(screen.getByText(/every console session signed in with it ends at once/)).toBeTruthy();
  });

  it('gives an admin the form with each role explained', () => {
    withClient(<ApiKeysPage role="admin" />);
    expect(screen.getByRole('button', { name: 'Create key' })).toBeTruthy();
    for (const { role, text } of ROLE_CHOICES) {
      expect(screen.getByRole('radio', { name: new RegExp(`^${role}`) })).toBeTruthy();
      expect(screen.getByText(text)).toBeTruthy();
    }
    expect((screen.getByRole('radio', { name: /^viewer/ }) as HTMLInputElement).checked).toBe(true);
  });
});

describe('the new key form', () => {
  it('asks for a name before sending anything', () => {
    withClient(<CreateKeyForm onCreated={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    const name = screen.getByLabelText(/^Name/);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Name the key after what will use it/)).toBeTruthy();
  });
});

describe('key logic', () => {
  it('checks the name as the API does (1 to 100 characters, trimmed)', () => {
    expect(nameProblem('  ')).toMatch(/Name the key/);
    expect(nameProblem('x'.repeat(101))).toMatch(/101 characters; at most 100/);
    expect(nameProblem(' ci ')).toBeUndefined();
    expect(createBody({ name: ' ci ', role: 'operator' })).toEqual({
      name: 'ci',
      role: 'operator',
    });
  });

  it('warns that sessions end, and more so for the key of this session', () => {
    const key = { id: 'k1', name: 'ci', hint: 'fh_Ab…' } as ApiKey;
    expect(revokeWarning(key, 'other')).toMatch(/every console session signed in with it ends/);
    expect(revokeWarning(key, 'other')).not.toMatch(/you will be signed out/);
    expect(revokeWarning(key, 'k1')).toMatch(/you will be signed out/);
  });
});
