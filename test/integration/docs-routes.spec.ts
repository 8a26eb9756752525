import { readdirSync, readFileSync } from 'node:fs';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** `METHOD /api/v1/...` in the docs, with path parameters as `{}` (`:id`, `<id>`, `{id}`). */
function documentedRoutes(): Map<string, string> {
  const files = [
    'README.md',
    ...readdirSync('docs')
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
    ...readdirSync('plugins', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('__'))
      .map((entry) => `plugins/${entry.name}/README.md`),
  ];
  const routes = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [, method, raw] of text.matchAll(
      /\b(GET|POST|PUT|PATCH|DELETE) (\/api\/v1\/[^\s`)"',;]*)/g,
    )) {
      const variants = raw.includes('[/:')
        ? [raw.replace(/\[.*\]/, ''), raw.replace(/[[\]]/g, '')]
        : [raw];
      for (const path of variants) {
        const normal = path
          .replace(/\?.*$/, '') // a query string is not part of the route
          .replace(/:$/, '')
          .replace(/\/(:\w+|<[^>]+>|\{[^}]+\})/g, '/{}');
        routes.set(`${method} ${normal}`, file);
      }
    }
  }
  return routes;
}

describe('routes the docs name', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp();
  });
  afterAll(() => app.stop());

  it('every METHOD /api/v1/... in the docs is in the OpenAPI document', async () => {
    const spec = (await (await fetch(`${app.url}/docs/json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = new Set(
      Object.entries(spec.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map(
          (method) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`,
        ),
      ),
    );
    const documented = documentedRoutes();
    expect(documented.size).toBeGreaterThan(10);
    const missing = [...documented].filter(([route]) => !served.has(route));
    expect(missing).toEqual([]);
  });
});
