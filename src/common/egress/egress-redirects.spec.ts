import { classifyError, FatalError } from '../../engine/step-errors.js';
import { EgressBlockedError, HttpStatusError } from '@flowhub/plugin-sdk';
import { startEgressFixtures, type EgressFixtures } from './__tests__/egress-fixtures.js';
import { type LoopbackServer } from './__tests__/loopback-server.js';
import { createEgressClient, type EgressClient } from './egress-client.js';

// Real requests, to 127.0.0.1 only (TEST RULE). Destinations that must be refused are loopback
// addresses too (127.0.0.2, localhost), so a guard bug could never send traffic elsewhere.
describe('egress client: guard and redirects', () => {
  let fixtures: EgressFixtures;
  let server: LoopbackServer;
  let client: EgressClient;

  beforeAll(async () => {
    fixtures = await startEgressFixtures();
    ({ server } = fixtures);
    client = createEgressClient({
      allowCidrs: ['127.0.0.1/32'],
      allowHosts: [],
      maxResponseBytes: 1000,
    });
  });

  afterAll(async () => {
    client.close();
    await fixtures.close();
  });

  it('blocks the loopback server by default, before connecting', async () => {
    const strict = createEgressClient({ allowCidrs: [], allowHosts: [] });
    const before = server.received.length;
    const error = await strict
      .request({ method: 'POST', url: `${server.origin}/json?token=secret` })
      .catch((e: unknown) => e);
    strict.close();
    expect(error).toBeInstanceOf(EgressBlockedError);
    expect((error as Error).message).toBe(
      `POST ${server.origin}/json refused: 127.0.0.1 is an internal address, which is blocked: allow it with ` +
        'FLOWHUB_EGRESS_ALLOW_CIDRS=127.0.0.1/32 (127.0.0.1 is a loopback address)',
    );
    expect(classifyError(error)).toMatchObject({ retryable: false, code: 'fatal' });
    expect(server.received.length).toBe(before);
  });

  it('judges each origin once and keeps the verdict, blocked or allowed', async () => {
    const strict = createEgressClient({ allowCidrs: [], allowHosts: [] });
    const blocked = `${server.origin}/json`;
    for (let i = 0; i < 3; i += 1) {
      await expect(strict.request({ method: 'GET', url: blocked })).rejects.toThrow(
        EgressBlockedError,
      );
    }
    // Same host, other port: its own verdict; still the loopback, still blocked.
    await expect(strict.request({ method: 'GET', url: 'http://127.0.0.1:1/' })).rejects.toThrow(
      EgressBlockedError,
    );
    strict.close();
    for (let i = 0; i < 2; i += 1) {
      expect((await client.request({ method: 'GET', url: blocked })).status).toBe(200);
    }
  });

  it.each([
    'http://localhost:1/',
    'http://2130706433:1/',
    'http://0177.0.0.1:1/',
    'http://[::ffff:127.0.0.1]:1/',
  ])('refuses %s by default', async (url) => {
    const strict = createEgressClient({ allowCidrs: [], allowHosts: [] });
    await expect(strict.request({ method: 'GET', url })).rejects.toThrow(EgressBlockedError);
    strict.close();
  });

  it('refuses schemes other than http(s) as a fatal error', async () => {
    const error = await client
      .request({ method: 'GET', url: 'file:///etc/passwd' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toMatch(/only http and https URLs can be called, not file:/);
  });

  it('lets allowed host names through whatever they resolve to', async () => {
    const named = createEgressClient({ allowCidrs: [], allowHosts: ['localhost'] });
    const response = await named.request({
      method: 'GET',
      url: `http://localhost:${server.port}/json`,
    });
    named.close();
    expect(response.body).toEqual({ ok: true, items: [1, 2] });
  });

  it('follows redirects, re-checking every hop', async () => {
    const response = await client.request({ method: 'GET', url: `${server.origin}/hop` });
    expect(response.body).toEqual({ ok: true, items: [1, 2] });
  });

  it('turns a 303 into a GET without body and repeats the body on a 307', async () => {
    const seeOther = await client.request({
      method: 'POST',
      url: `${server.origin}/see-other`,
      body: { a: 1 },
    });
    expect(seeOther.body).toMatchObject({ method: 'GET', body: '', contentType: null });
    const temporary = await client.request({
      method: 'POST',
      url: `${server.origin}/temporary`,
      body: { a: 1 },
    });
    expect(temporary.body).toMatchObject({ method: 'POST', url: '/echo?again=1', body: '{"a":1}' });
  });

  it('refuses a redirect from an allowed host to a blocked one', async () => {
    const error = await client
      .request({ method: 'GET', url: `${server.origin}/to-blocked` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressBlockedError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `redirected from GET ${server.origin}/to-blocked\\) refused: 127\\.0\\.0\\.2 is an internal address`,
      ),
    );
    const named = await client
      .request({ method: 'GET', url: `${server.origin}/to-localhost` })
      .catch((e: unknown) => e);
    expect(named).toBeInstanceOf(EgressBlockedError);
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const response = await client.request({
      method: 'GET',
      url: `${server.origin}/to-other`,
      headers: { Authorization: 'Bearer secret' },
    });
    expect(response.body).toEqual({ authorization: null });
  });

  it('with sameOriginRedirectsOnly, fails a hop to another origin and sends it nothing', async () => {
    const before = fixtures.other.received.length;
    const error = await client
      .request({
        method: 'POST',
        url: `${server.origin}/to-other`,
        headers: { 'X-Partner': 'bound-credential' },
        body: { secret: 'in-the-body' },
        sameOriginRedirectsOnly: true,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toBe(
      `POST ${server.origin}/to-other answered 307, a redirect to ${fixtures.other.origin}, another origin: ` +
        `not followed, so the step's credential was not sent there (it may only go to ${server.origin}); call the final URL directly`,
    );
    expect(fixtures.other.received.length).toBe(before);
    const same = await client.request({
      method: 'GET',
      url: `${server.origin}/hop`,
      sameOriginRedirectsOnly: true,
    });
    expect(same.body).toEqual({ ok: true, items: [1, 2] });
  });

  it('stops after maxRedirects hops, and treats 3xx as an answer when redirects are off', async () => {
    const error = await client
      .request({ method: 'GET', url: `${server.origin}/loop` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toMatch(/redirected more than 5 times/);
    const noFollow = createEgressClient({
      allowCidrs: ['127.0.0.1/32'],
      allowHosts: [],
      maxRedirects: 0,
    });
    const status = await noFollow
      .request({ method: 'GET', url: `${server.origin}/hop` })
      .catch((e: unknown) => e);
    noFollow.close();
    expect(status).toBeInstanceOf(HttpStatusError);
    expect((status as HttpStatusError).status).toBe(302);
  });
});
