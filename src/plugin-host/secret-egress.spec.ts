import { FatalError, type HttpClient, type HttpRequest } from '@flowhub/plugin-sdk';
import { credentialHttpClient, derivedFrom } from './secret-egress.js';

describe('the egress client of a step that carries a credential', () => {
  const sent: HttpRequest[] = [];
  const inner: HttpClient = {
    request: (request) => {
      sent.push(request);
      return Promise.resolve({ status: 200, headers: {}, body: null });
    },
  };

  it('pins redirects to the origin and refuses http:// unless the host is allowed', async () => {
    const http = credentialHttpClient(inner, ['127.0.0.1']);
    await http.request({ method: 'GET', url: 'https://erp.example.com/x' });
    await http.request({ method: 'GET', url: 'http://127.0.0.1:8080/x' });
    expect(sent.map((r) => r.sameOriginRedirectsOnly)).toEqual([true, true]);
    const error = await http
      .request({ method: 'GET', url: 'http://erp.example.com:8080/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toBe(
      "http://erp.example.com:8080 is http: this step's credential would cross the network in clear, so nothing was sent; use https, or an operator allows the host with FLOWHUB_EGRESS_ALLOW_HOSTS=erp.example.com",
    );
    expect(sent).toHaveLength(2);
  });
});

describe('values derived from secrets', () => {
  it('are the strings of the real input that differ from the recorded one (8+ characters)', () => {
    const real = { body: { a: 'cret-value-123', b: 'same', n: 1712 }, list: ['s3cr3t-part', 'k'] };
    const shown = { body: { a: 'cret:ERP]', b: 'same', n: 1711 }, list: ['[secret:ERP]', 'k'] };
    expect(derivedFrom(real, shown)).toEqual({
      strings: ['cret-value-123', 's3cr3t-part'],
      unredactable: false,
    });
    expect(derivedFrom('Bearer [secret:connection:x.token]', 'other').strings).toEqual([]);
  });

  it('cannot be redacted when short, true/false, a key or a list of pieces', () => {
    const unredactable = (real: unknown, shown: unknown) => derivedFrom(real, shown).unredactable;
    expect(unredactable({ c: 'b' }, { c: '[' })).toBe(true);
    expect(unredactable({ c: true }, { c: false })).toBe(true);
    expect(unredactable({ 'long-secret-key': 1 }, { '[secret:X]': 1 })).toBe(true);
    expect(unredactable('abcdefghij'.split(''), '[secret:X]'.split('').slice(0, 9))).toBe(true);
    expect(unredactable({ a: 'same', n: 2 }, { a: 'same', n: 3 })).toBe(false);
  });
});
