import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './routes';

describe('parseRoute', () => {
  it('maps each page path to its page', () => {
    expect(parseRoute('/')).toEqual({ page: 'overview' });
    expect(parseRoute('/runs')).toEqual({ page: 'runs' });
    expect(parseRoute('/runs/')).toEqual({ page: 'runs' });
    expect(parseRoute('/flows/new')).toEqual({ page: 'flow-new' });
    expect(parseRoute('/api-keys')).toEqual({ page: 'api-keys' });
  });

  it('reads one escaped segment as the id', () => {
    expect(parseRoute(paths.run('a b/c'))).toEqual({ page: 'run', id: 'a b/c' });
    expect(parseRoute('/flows/f-1')).toEqual({ page: 'flow', id: 'f-1' });
    expect(parseRoute('/plugins/zoho-crm')).toEqual({ page: 'plugin', name: 'zoho-crm' });
    expect(parseRoute('/webhooks/w1')).toEqual({ page: 'webhook', id: 'w1' });
    expect(parseRoute('/issues')).toEqual({ page: 'issues' });
    expect(parseRoute('/issues/i1')).toEqual({ page: 'issue', id: 'i1' });
    expect(parseRoute('/issues/i1/x')).toEqual({ page: 'not-found' });
  });

  it('answers not-found for deeper, unknown or malformed paths', () => {
    expect(parseRoute('/runs/a/b')).toEqual({ page: 'not-found' });
    expect(parseRoute('/nope')).toEqual({ page: 'not-found' });
    expect(parseRoute('/runs/%E0%A4%A')).toEqual({ page: 'not-found' });
    expect(parseRoute('/connections/x')).toEqual({ page: 'not-found' });
  });
});
