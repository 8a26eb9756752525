import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { startSecretFlows, type SecretFlows } from '../support/secret-flows.js';

const ERP = 'bound-secret-CANARY-4f7d21';

/**
 * Review findings A1-A6 and C4 of issue 15: a named secret, like a connection secret, is
 * write-only — no expression reads it back through the run record — and it reaches only the
 * origins it is bound to.
 */
describe('named secrets stay bound to their origins', () => {
  let h: SecretFlows;
  let other: FakeReceiver;
  const call = (method: string, path: string, body?: unknown) => h.call(method, path, body);
  const save = (steps: unknown[], extra: Record<string, unknown> = {}) =>
    call('POST', '/api/v1/flows', { name: 'f', trigger: { type: 'webhook' }, steps, ...extra });

  beforeAll(async () => {
    other = await startReceiver();
    h = await startSecretFlows((request) => {
      if (request.url.startsWith('/redirect'))
        return { status: 307, headers: { location: `${other.url}/stolen` } };
      if (request.url.startsWith('/echo'))
        return {
          status: 200,
          body: { youSent: request.headers.authorization, body: request.body },
        };
      return { status: 200, body: { ok: true } };
    });
    const created = await call('POST', '/api/v1/secrets', {
      name: 'ERP',
      value: ERP,
      hosts: [h.receiver.url],
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await h.stop();
    await other.close();
  });

  it('refuses a secret without hosts, an http:// origin the operator did not allow, a path', async () => {
    const post = (hosts?: unknown) =>
      call('POST', '/api/v1/secrets', { name: 'NOPE', value: 'long-enough-value', hosts });
    const none = await post();
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/hosts must list the origins the value may be sent to/);
    expect((await post([])).status).toBe(400);
    const clear = await post(['http://erp.example.com']);
    expect(clear.status).toBe(400);
    expect(clear.body.details).toEqual([
      {
        path: 'hosts[0]',
        message: expect.stringMatching(
          /^http:\/\/erp\.example\.com is http: the secret would cross the network in clear; use https, or an operator allows the host with FLOWHUB_EGRESS_ALLOW_HOSTS=erp\.example\.com$/,
        ),
      },
    ]);
    expect((await post(['https://erp.example.com/api'])).status).toBe(400);
    const ok = await post(['erp.example.com', 'https://erp.example.com:8443']);
    expect(ok.body.hosts).toEqual(['https://erp.example.com', 'https://erp.example.com:8443']);
  });

  it('refuses $secrets in core.transform, when and forEach at save (A1, A2)', async () => {
    for (const map of [
      "{ 'a': $substring($secrets.ERP, 1), 'b': $substring($secrets.ERP, 0, 1) }",
      "{ 'x': $split($secrets.NOPE, '') }",
    ]) {
      const saved = await save([{ id: 't', action: 'core.transform', map }]);
      expect(saved.status).toBe(400);
      expect(saved.body.details).toContainEqual({
        path: 'steps[0]',
        message: expect.stringMatching(/^core\.transform cannot use secrets: it does not say/),
      });
    }
    const url = `${h.receiver.url}/x`;
    const when = await save([
      {
        id: 'w',
        action: 'http.request',
        input: { url },
        when: "$substring($secrets.ERP,0,1) = 'b'",
      },
    ]);
    expect(when.body.details).toEqual([
      { path: 'steps[0].when', message: expect.stringMatching(/^cannot use \$secrets/) },
    ]);
    const each = await save([
      { id: 'e', action: 'http.request', input: { url }, forEach: "$split($secrets.ERP, '')" },
    ]);
    expect(each.body.details).toEqual([
      { path: 'steps[0].forEach', message: expect.stringMatching(/^cannot use \$secrets/) },
    ]);
  });

  it('sends a transformed secret to its origin; the record shows marks only (A1, A2)', async () => {
    const { catchUrl } = await h.flow([
      {
        id: 'send',
        action: 'http.request',
        input: { url: `${h.receiver.url}/part` },
        map: "{ 'body': { 'part': $substring($secrets.ERP, 2), 'upper': $uppercase($secrets.ERP) } }",
      },
    ]);
    const run = await h.runOnce(catchUrl);
    expect(run.status).toBe('succeeded');
    expect(h.last().body).toEqual({ part: ERP.slice(2), upper: ERP.toUpperCase() });
    expect(run.steps[0].input.body).toEqual({ part: 'ecret:ERP]', upper: '[SECRET:ERP]' });
    expect(JSON.stringify(run)).not.toContain(ERP.slice(2, 12));
    expect(JSON.stringify(run)).not.toContain(ERP.toUpperCase().slice(0, 12));
  });

  it('redacts what a receiver at the origin echoes: the value and strings derived from it', async () => {
    const { catchUrl } = await h.flow([
      {
        id: 'echo',
        action: 'http.request',
        input: { url: `${h.receiver.url}/echo` },
        map: "{ 'headers': { 'Authorization': 'Bearer ' & $secrets.ERP }, 'body': { 'part': $substring($secrets.ERP, 2) } }",
      },
    ]);
    const run = await h.runOnce(catchUrl);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].output.body).toEqual({
      youSent: 'Bearer [secret:ERP]',
      body: { part: '[secret:derived:1]' },
    });
  });

  it('refuses, before sending, pieces of a secret too short to be redacted (A2)', async () => {
    const before = h.receiver.requests.length;
    for (const map of [
      "{ 'body': { 'chars': $split($secrets.ERP, '') } }",
      "{ 'body': { 'first': $substring($secrets.ERP, 0, 1) } }",
      "{ 'body': { 'isB': $substring($secrets.ERP, 0, 1) = 'b' } }",
    ]) {
      const { catchUrl } = await h.flow([
        { id: 'send', action: 'http.request', input: { url: `${h.receiver.url}/part` }, map },
      ]);
      const run = await h.runOnce(catchUrl);
      expect(run.status).toBe('failed');
      expect(run.steps[0].error).toMatch(
        /^the input holds a value derived from a secret that could not be redacted from the run record .*: nothing was sent/,
      );
    }
    expect(h.receiver.requests.length).toBe(before);
  });

  it('fails a step bound elsewhere with the marks recorded, sending nothing (A1)', async () => {
    const { catchUrl } = await h.flow([
      {
        id: 'leak',
        action: 'http.request',
        input: { url: `${other.url}/leak` },
        map: "{ 'body': { 'a': $substring($secrets.ERP, 1), 'b': $substring($secrets.ERP, 0, 1) } }",
      },
    ]);
    const run = await h.runOnce(catchUrl);
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toBe(
      `secret 'ERP' may only be sent to ${h.receiver.url}, not to ${other.url}; nothing was sent (PUT /api/v1/secrets/ERP sets its hosts)`,
    );
    expect(run.steps[0].input.body).toEqual({ a: 'secret:ERP]', b: '[' });
    expect(other.requests).toEqual([]);
  });

  it('does not show an error the map raised only with the real values', async () => {
    const { catchUrl } = await h.flow([
      {
        id: 'oracle',
        action: 'http.request',
        input: { url: `${h.receiver.url}/x` },
        map: "$contains($secrets.ERP, 'CANARY') ? $error($substring($secrets.ERP, 1)) : {}",
      },
    ]);
    const run = await h.runOnce(catchUrl);
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toMatch(/^the map failed once the secret values were filled in/);
    expect(JSON.stringify(run)).not.toContain(ERP.slice(1, 10));
  });

  it('does not follow a redirect to another origin with a secret in the body (A3)', async () => {
    const { catchUrl } = await h.flow([
      {
        id: 'hop',
        action: 'http.request',
        input: { url: `${h.receiver.url}/redirect`, headers: { 'X-Plain': { $secret: 'ERP' } } },
        map: "{ 'body': { 'k': $secrets.ERP } }",
      },
    ]);
    const run = await h.runOnce(catchUrl);
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toBe(
      `POST ${h.receiver.url}/redirect answered 307, a redirect to ${other.url}, another origin: not followed, so the step's credential was not sent there (it may only go to ${h.receiver.url}); call the final URL directly`,
    );
    expect(h.last().body).toEqual({ k: ERP });
    expect(other.requests).toEqual([]);
  });
});
