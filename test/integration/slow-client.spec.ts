import { connect } from 'node:net';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

interface Outcome {
  /** What the server sent before closing (a 408, or nothing). */
  text: string;
  /** Milliseconds from the last byte the client sent until the server closed the socket. */
  closedAfterMs: number;
}

/** Sends `head` and never the rest; resolves when the server closes, rejects past `boundMs`. */
function stall(port: number, head: string, boundMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let text = '';
    let sentAt = 0;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head, () => (sentAt = Date.now()));
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the socket was still open ${boundMs} ms after the last byte`));
    }, boundMs);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: Date.now() - sentAt });
    });
  });
}

describe('slow clients cannot hold sockets (issue 15 #10)', () => {
  let app: TestApp;
  let path: string;
  let port: number;

  beforeAll(async () => {
    app = await bootTestApp({
      FLOWHUB_ROLE: 'api',
      FLOWHUB_REQUEST_TIMEOUT_MS: '800',
      FLOWHUB_HEADERS_TIMEOUT_MS: '400',
    });
    port = Number(new URL(app.url!).port);
    const created = await apiClient(app.url!).post('/api/v1/flows', {
      name: 'Slow',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    path = new URL(created.body.catchUrl).pathname;
  });
  afterAll(() => app.stop());

  it('answers 408 and closes when the body stops after one of 100 bytes', async () => {
    const head =
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n` +
      'Content-Length: 100\r\n\r\nx';
    const outcome = await stall(port, head, 5_000);
    expect(outcome.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.text).toContain('did not arrive in time');
    expect(outcome.closedAfterMs).toBeLessThan(3_000);
  });

  it('closes when the headers never finish', async () => {
    const outcome = await stall(
      port,
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `,
      5_000,
    );
    expect(outcome.closedAfterMs).toBeLessThan(3_000);
    expect(outcome.text === '' || /^HTTP\/1\.1 408 /.test(outcome.text)).toBe(true);
  });

  it('still serves a request sent at once', async () => {
    const response = await fetch(`${app.url}${path}`, { method: 'POST', body: 'hello' });
    expect(response.status).toBe(202);
  });
});
