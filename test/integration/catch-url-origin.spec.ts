import { request } from 'node:http';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';

const FLOW = JSON.stringify({
  name: 'origin',
  trigger: { type: 'webhook' },
  steps: [{ id: 'a', action: 'core.transform' }],
});

/** POST /api/v1/flows with any Host header (fetch cannot set one): the catchUrl shown. */
function createWithHeaders(app: TestApp, headers: Record<string, string>): Promise<string> {
  const url = new URL('/api/v1/flows', app.url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TEST_ADMIN_KEY}`,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(FLOW)),
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve((JSON.parse(text) as { catchUrl: string }).catchUrl));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(FLOW);
  });
}

describe('catchUrl never comes from a forged Host (issue 15 #8)', () => {
  describe('without FLOWHUB_PUBLIC_URL or a trusted proxy', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await bootTestApp({ FLOWHUB_ROLE: 'api' });
    });
    afterAll(() => app.stop());

    it('uses the listening address, whatever Host and X-Forwarded-* say', async () => {
      const shown = await createWithHeaders(app, {
        host: 'evil.example',
        'x-forwarded-host': 'evil-forwarded.example',
        'x-forwarded-proto': 'https',
      });
      expect(shown.startsWith(`${app.url}/webhook/catch/`)).toBe(true);
      expect(shown).not.toMatch(/evil/);
    });
  });

  describe('behind a proxy FLOWHUB_TRUST_PROXY does not cover', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await bootTestApp({ FLOWHUB_ROLE: 'api', FLOWHUB_TRUST_PROXY: '10.0.0.0/8' });
    });
    afterAll(() => app.stop());

    it('ignores the forwarded host of an untrusted peer', async () => {
      const shown = await createWithHeaders(app, {
        host: 'evil.example',
        'x-forwarded-host': 'evil-forwarded.example',
      });
      expect(shown).not.toMatch(/evil/);
      expect(shown.startsWith(`${app.url}/webhook/catch/`)).toBe(true);
    });
  });

  describe('behind a trusted proxy', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await bootTestApp({ FLOWHUB_ROLE: 'api', FLOWHUB_TRUST_PROXY: '127.0.0.1' });
    });
    afterAll(() => app.stop());

    it('shows the forwarded scheme and host, and refuses a malformed one', async () => {
      const forwarded = await createWithHeaders(app, {
        'x-forwarded-host': 'hooks.example.com',
        'x-forwarded-proto': 'https',
      });
      expect(forwarded).toMatch(/^https:\/\/hooks\.example\.com\/webhook\/catch\//);
      const odd = await createWithHeaders(app, { 'x-forwarded-host': 'evil.example/path?' });
      expect(odd.startsWith(`${app.url}/webhook/catch/`)).toBe(true);
    });
  });
});
