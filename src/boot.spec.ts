import { slowClientLimits } from './boot.js';
import { ConfigError, loadConfig } from './config/load-config.js';

describe('slow-client limits', () => {
  it('defaults to 30 s for a request and 10 s for its headers, checked every second', () => {
    const config = loadConfig({});
    expect(slowClientLimits(config)).toEqual({
      requestTimeout: 30_000,
      http: { requestTimeout: 30_000, headersTimeout: 10_000, connectionsCheckingInterval: 1000 },
    });
  });

  it('checks short timeouts often enough to keep their bound', () => {
    const limits = slowClientLimits({ requestTimeoutMs: 800, headersTimeoutMs: 400 });
    expect(limits.http.connectionsCheckingInterval).toBe(100);
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() =>
      loadConfig({ FLOWHUB_REQUEST_TIMEOUT_MS: '1000', FLOWHUB_HEADERS_TIMEOUT_MS: '2000' }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ FLOWHUB_REQUEST_TIMEOUT_MS: '50' })).toThrow(
      /FLOWHUB_REQUEST_TIMEOUT_MS must be an integer between 100 and 3600000/,
    );
  });
});
