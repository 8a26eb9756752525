import { FatalError, type HttpClient, type HttpRequest } from '../plugin-sdk/index.js';
import { credentialHttpClient, derivedStrings } from './secret-egress.js';

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

describe('strings derived from secrets', () => {
  it('are the strings of the real input that differ from the recorded one (8+ characters)', () => {
    const real = { body: { a: 'cret-value-123', b: 'same', c: 'x' }, list: ['s3cr3t-part', 'k'] };
    const shown = { body: { a: 'cret:ERP]', b: 'same', c: '[' }, list: ['[secret:ERP]', 'k'] };
    expect(derivedStrings(real, shown)).toEqual(['cret-value-123', 's3cr3t-part']);
    expect(derivedStrings('Bearer [secret:connection:x.token]', 'other')).toEqual([]);
  });
});
