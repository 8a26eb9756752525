import type { HttpAdapterHost } from '@nestjs/core';
import type { Runtime } from '../config/runtime.js';
import { CatchUrls } from './catch-urls.service.js';

const listening = (address: string, port: number) =>
  ({
    httpAdapter: { getHttpServer: () => ({ address: () => ({ address, port }) }) },
  }) as unknown as HttpAdapterHost;
const runtime = (config: Partial<Runtime['config']> = {}) =>
  ({ config: { port: 3000, host: '0.0.0.0', trustProxy: [], ...config } }) as Runtime;
const forged = {
  protocol: 'http',
  host: 'evil.example',
  headers: { host: 'evil.example' },
  socket: { remoteAddress: '203.0.113.7' },
};

describe('catch URL origin', () => {
  it.each([
    ['0.0.0.0', 3000, 'http://localhost:3000'],
    ['::', 8080, 'http://localhost:8080'],
    ['127.0.0.1', 4000, 'http://127.0.0.1:4000'],
    ['::1', 4000, 'http://[::1]:4000'],
  ])('listening on %s:%d is shown as %s, never the Host header', (address, port, origin) => {
    expect(new CatchUrls(runtime(), listening(address, port)).base(forged)).toBe(origin);
  });

  it('prefers FLOWHUB_PUBLIC_URL, and believes only a trusted peer', () => {
    const host = listening('0.0.0.0', 3000);
    expect(new CatchUrls(runtime({ publicUrl: 'https://h.example' }), host).base(forged)).toBe(
      'https://h.example',
    );
    const trusted = new CatchUrls(runtime({ trustProxy: ['203.0.113.0/24'] }), host);
    expect(trusted.base({ ...forged, protocol: 'https', host: 'hooks.example' })).toBe(
      'https://hooks.example',
    );
    const untrusted = new CatchUrls(runtime({ trustProxy: ['10.0.0.0/8'] }), host);
    expect(untrusted.base(forged)).toBe('http://localhost:3000');
  });

  it('falls back to the configured address before the server listens', () => {
    expect(new CatchUrls(runtime({ host: '127.0.0.1', port: 3001 })).base(forged)).toBe(
      'http://127.0.0.1:3001',
    );
  });
});
