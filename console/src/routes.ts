/**
 * The console's pages and their paths. The server answers index.html for each pattern
 * (src/console/console-static.ts, CONSOLE_ROUTES); test/tooling/console-routes.spec.ts keeps
 * the two lists in step.
 */
export type Route =
  | { page: 'sign-in' }
  | { page: 'overview' }
  | { page: 'runs' }
  | { page: 'run'; id: string }
  | { page: 'issues' }
  | { page: 'issue'; id: string }
  | { page: 'flows' }
  | { page: 'flow-new' }
  | { page: 'flow'; id: string }
  | { page: 'webhooks' }
  | { page: 'webhook'; id: string }
  | { page: 'connections' }
  | { page: 'plugins' }
  | { page: 'plugin'; name: string }
  | { page: 'api-keys' }
  | { page: 'not-found' };

/** Each console path pattern; `:x` is one path segment. */
export const ROUTE_PATTERNS = [
  '/sign-in',
  '/overview',
  '/runs',
  '/runs/:id',
  '/issues',
  '/issues/:id',
  '/flows',
  '/flows/new',
  '/flows/:id',
  '/webhooks',
  '/webhooks/:id',
  '/connections',
  '/plugins',
  '/plugins/:name',
  '/api-keys',
] as const;

const PLAIN: Record<string, Route> = {
  '/sign-in': { page: 'sign-in' },
  '/overview': { page: 'overview' },
  '/runs': { page: 'runs' },
  '/issues': { page: 'issues' },
  '/flows': { page: 'flows' },
  '/flows/new': { page: 'flow-new' },
  '/webhooks': { page: 'webhooks' },
  '/connections': { page: 'connections' },
  '/plugins': { page: 'plugins' },
  '/api-keys': { page: 'api-keys' },
};

function segment(value: string): string | undefined {
  try {
    const decoded = decodeURIComponent(value);
    return decoded.length > 0 ? decoded : undefined;
  } catch {
    return undefined; // a malformed escape is no id
  }
}

/** The page a path shows (a trailing slash is ignored). `/` is the overview. */
export function parseRoute(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (clean === '/' || clean === '') return { page: 'overview' };
  const plain = PLAIN[clean];
  if (plain) return plain;
  const [, section, rest, extra] = clean.split('/');
  const value = extra === undefined && rest !== undefined ? segment(rest) : undefined;
  if (value === undefined) return { page: 'not-found' };
  if (section === 'runs') return { page: 'run', id: value };
  if (section === 'issues') return { page: 'issue', id: value };
  if (section === 'flows') return { page: 'flow', id: value };
  if (section === 'webhooks') return { page: 'webhook', id: value };
  if (section === 'plugins') return { page: 'plugin', name: value };
  return { page: 'not-found' };
}

/** The path of a page with a parameter, escaped. */
export const paths = {
  run: (id: string) => `/runs/${encodeURIComponent(id)}`,
  issue: (id: string) => `/issues/${encodeURIComponent(id)}`,
  flow: (id: string) => `/flows/${encodeURIComponent(id)}`,
  webhook: (id: string) => `/webhooks/${encodeURIComponent(id)}`,
  plugin: (name: string) => `/plugins/${encodeURIComponent(name)}`,
};
