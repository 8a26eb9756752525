import { get } from 'node:http';
import { startLoopbackServer, type LoopbackServer } from './__tests__/loopback-server.js';
import { createEgressAgents, refusedAddress } from './egress-agents.js';

/** A GET through the agent alone: the client's save-time check is not involved. */
function fetchThrough(agent: import('node:http').Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

// The connect-time guard (SEC-1), against a loopback server only (TEST RULE).
describe('egress agents', () => {
  let server: LoopbackServer;

  beforeAll(async () => {
    server = await startLoopbackServer((_request, response) => response.end('ok'));
  });
  afterAll(() => server.close());

  it('refuses the resolved address of a host name at connect time', async () => {
    const agents = createEgressAgents([]);
    const error = await fetchThrough(agents.guarded.http, `http://localhost:${server.port}/`).catch(
      (e: unknown) => e,
    );
    agents.destroy();
    expect(refusedAddress(error)).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  it('refuses a literal loopback address and opens it for an allowed CIDR', async () => {
    const strict = createEgressAgents([]);
    const error = await fetchThrough(strict.guarded.http, `${server.origin}/`).catch(
      (e: unknown) => e,
    );
    strict.destroy();
    expect(refusedAddress(error)).toBe('127.0.0.1');

    const open = createEgressAgents(['127.0.0.1/32']);
    await expect(fetchThrough(open.guarded.http, `${server.origin}/`)).resolves.toBe(200);
    open.destroy();
  });

  it('refuses IPv4-compatible IPv6 literals before connecting (issue 15 #12)', async () => {
    const agents = createEgressAgents([]);
    for (const url of ['http://[::127.0.0.1]/', 'http://[::a9fe:a9fe]/']) {
      const error = await fetchThrough(agents.guarded.http, url).catch((e: unknown) => e);
      expect(refusedAddress(error)).toMatch(/^::(7f00:1|a9fe:a9fe)$/);
    }
    agents.destroy();
  });

  it('lets trusted agents reach loopback but never the unspecified address', async () => {
    const agents = createEgressAgents([]);
    await expect(fetchThrough(agents.trusted.http, `${server.origin}/`)).resolves.toBe(200);
    const error = await fetchThrough(agents.trusted.http, 'http://0.0.0.0/').catch((e) => e);
    agents.destroy();
    expect(refusedAddress(error)).toBe('0.0.0.0');
  });
});
