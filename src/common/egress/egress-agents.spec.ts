import { get } from 'node:http';
import { startLoopbackServer, type LoopbackServer } from './__tests__/loopback-server.js';
import { agentAllowList, createEgressAgents, refusedAddress } from './egress-agents.js';

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

  it('gives request-filtering-agent single hosts as bare addresses', () => {
    expect(
      agentAllowList(['127.0.0.1/32', '10.0.0.0/8', 'fd00::1/128', '::ffff:10.0.0.0/104']),
    ).toEqual(['127.0.0.1', '::ffff:7f00:1', '10.0.0.0/8', 'fd00::1', '10.0.0.0/8']);
  });
});
