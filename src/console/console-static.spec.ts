import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { CONSOLE_CSP, CONSOLE_NOT_BUILT, registerConsole } from './console-static.js';

/** Issue 18: the console at /, its SPA fallback, its CSP, and what it leaves alone. */
describe('registerConsole', () => {
  let dist: string;
  let app: FastifyInstance;
  let base: string;

  const start = async (dir: string) => {
    app = Fastify();
    app.get('/api/v1/flows', () => ({ items: [] }));
    app.setNotFoundHandler((_request, reply) => {
      reply.code(404).send({ statusCode: 404, message: 'not found' });
    });
    await registerConsole(app, dir);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  };
  /** light-my-request (inject) needs an ESM-only package Jest cannot require: real HTTP. */
  const get = async (url: string) => {
    const response = await fetch(`${base}${url}`);
    const headers = Object.fromEntries(response.headers);
    const body = await response.text();
    return { statusCode: response.status, headers, body, json: () => JSON.parse(body) };
  };

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets', 'index-abc.js.gz'), gzipSync('console.log(1)'));
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  afterEach(() => app.close());

  it.each(['/', '/sign-in', '/runs', '/runs/4b9c2b1e-1111-4222-8333-944445555666'])(
    'answers index.html with the CSP at %s',
    async (url) => {
      await start(dist);
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(response.body).toContain('<div id="root">');
    },
  );

  it('serves hashed assets, cached, with the CSP', async () => {
    await start(dist);
    const response = await get('/assets/index-abc.js');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log(1)');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.headers['content-security-policy']).toBe(CONSOLE_CSP);
  });

  it('sends the precompressed asset to a browser that accepts gzip, the plain one otherwise', async () => {
    await start(dist);
    const gzip = await fetch(`${base}/assets/index-abc.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('vary')).toContain('accept-encoding');
    expect(await gzip.text()).toBe('console.log(1)'); // fetch decompresses it
    const plain = await fetch(`${base}/assets/index-abc.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log(1)');
  });

  it.each(['/api/v1/nope', '/webhook/x', '/docsx', '/health/nope', '/nope', '/runs/a/b', '/runs/'])(
    'leaves %s to the JSON 404',
    async (url) => {
      await start(dist);
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ statusCode: 404 });
      expect(response.headers['content-security-policy']).toBeUndefined();
    },
  );

  it('keeps API routes as they are', async () => {
    await start(dist);
    const response = await get('/api/v1/flows');
    expect(response.json()).toEqual({ items: [] });
    expect(response.headers['content-security-policy']).toBeUndefined();
  });

  it('says to run npm run build when console/dist is missing', async () => {
    await start(join(dist, 'missing'));
    const response = await get('/runs');
    expect(response.statusCode).toBe(404); // never 503: that says the database is unreachable
    expect(response.body).toBe(CONSOLE_NOT_BUILT);
    expect(response.body).toContain('npm run build');
  });
});
