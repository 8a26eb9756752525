import type { RecordingClient } from './secret-canary-sources.js';

type Params = Record<string, string>;
interface Operation {
  parameters?: { name: string; in: string; schema?: { type?: string; maximum?: number } }[];
}
interface OpenApi {
  paths: Record<string, { get?: Operation }>;
}

/**
 * Routes whose path parameters cannot be read from a parent list route. Every other
 * parameter `{p}` of `/a/b/{p}/...` is filled from `GET /a/b` (each item's `p`, else `id`).
 */
const EXPLICIT_PARAMS: Record<string, (api: RecordingClient) => Promise<Params[]>> = {
  // The catch URL's handshake GET: every flow's own URL (the key is its secret part).
  '/webhook/catch/{flowId}/{key}': async (api) =>
    (await listItems(api, '/api/v1/flows')).map((flow) => {
      const [flowId, key] = new URL(String(flow.catchUrl)).pathname.split('/').slice(-2);
      return { flowId, key };
    }),
  // Bulk jobs have no list route: a job that reaches no run (a flow id that does not exist).
  '/api/v1/runs/bulk/{jobId}': async (api) => {
    const { body } = await api.post('/api/v1/runs/bulk', {
      action: 'cancel',
      filter: { flowId: '00000000-0000-4000-8000-000000000000' },
    });
    return body?.id ? [{ jobId: String(body.id) }] : [];
  },
};

/** A list route's items, every page (`items` + `nextCursor`, or a plain array). */
async function listItems(
  api: RecordingClient,
  path: string,
  paged = true,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const query = paged ? `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` : '';
    const { status, body } = await api.get(`${path}${query}`);
    if (status === 400 && paged && page === 0) return listItems(api, path, false); // not paged
    if (Array.isArray(body)) return body;
    if (!body || !Array.isArray(body.items)) return items;
    items.push(...body.items);
    cursor = body.nextCursor ?? undefined;
    if (!cursor) return items;
  }
  return items;
}

const fill = (template: string, params: Params) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));

/** Every way to fill a templated path, from the lists of what exists; [] when none is found. */
async function expand(api: RecordingClient, template: string): Promise<Params[]> {
  const explicit = EXPLICIT_PARAMS[template];
  if (explicit) return explicit(api);
  const last = /^(.*)\/\{(\w+)\}[^{}]*$/.exec(template);
  if (!last) return [{}];
  const [, parent, name] = last;
  const parents = await expand(api, parent);
  const maps: Params[] = [];
  for (const params of parents) {
    for (const item of await listItems(api, fill(parent, params))) {
      const value = item[name] ?? item.id;
      if (value !== undefined && value !== null) maps.push({ ...params, [name]: String(value) });
    }
  }
  return maps;
}

/** Query variants worth fetching too: flags that show more (`includeRevoked=true`, ...). */
function variants(operation: Operation): string[] {
  const flags = (operation.parameters ?? []).filter(
    (p) => p.in === 'query' && p.schema?.type === 'boolean',
  );
  return [
    '',
    ...flags.map((flag) => `?${flag.name}=true`),
    ...flags.map((f) => `?${f.name}=false`),
  ];
}

/**
 * The GET routes of Fastify's route table (`printRoutes`' tree), as OpenAPI-style templates:
 * routes the OpenAPI document leaves out (/metrics, the catch URL) are swept too. Wildcard
 * routes (the docs UI's static files) are left out.
 */
export function fastifyGetRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack[depth] = (depth > 0 ? stack[depth - 1] : '') + match[2];
    stack.length = depth + 1;
    const path = stack[depth];
    if (match[3]?.split(', ').includes('GET') && !path.includes('*'))
      routes.push(path.replace(/:(\w+)/g, '{$1}'));
  }
  return routes;
}

/**
 * GETs every GET route of the OpenAPI document and of the server's route table (so a new
 * route is swept without editing this), each templated one once per thing it can show.
 * Returns the templated routes no value was found for: the test fails on them, naming what
 * to add to EXPLICIT_PARAMS.
 */
export async function sweepGetRoutes(
  api: RecordingClient,
  routeTable: string[],
): Promise<{ swept: string[]; uncovered: string[] }> {
  const document = (await api.get('/docs/json')).body as OpenApi;
  const operations = new Map<string, Operation>(routeTable.map((path) => [path, {}]));
  for (const [template, item] of Object.entries(document.paths))
    if (item.get) operations.set(template, item.get);
  const swept: string[] = [];
  const uncovered: string[] = [];
  for (const [template, operation] of operations) {
    const maps = await expand(api, template);
    if (maps.length === 0) uncovered.push(template);
    else swept.push(template);
    for (const params of maps) {
      for (const query of variants(operation)) await api.get(`${fill(template, params)}${query}`);
    }
  }
  return { swept, uncovered };
}
