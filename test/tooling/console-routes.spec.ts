import { CONSOLE_ROUTES } from '../../src/console/console-static.js';
import { parseRoute, ROUTE_PATTERNS } from '../../console/src/routes.js';

/** A console page the server does not answer with index.html is a 404 on reload. */
describe('console routes', () => {
  const served = (path: string) =>
    CONSOLE_ROUTES.some((route) =>
      route.endsWith('/*')
        ? path.startsWith(route.slice(0, -1)) && !path.slice(route.length - 1).includes('/')
        : route === path,
    );

  it('serves index.html for every page the console routes', () => {
    for (const pattern of ROUTE_PATTERNS) {
      const path = pattern.replace(/:[a-z]+/g, 'x-1');
      expect([path, served(path)]).toEqual([path, true]);
      expect([path, parseRoute(path).page]).not.toEqual([path, 'not-found']);
    }
  });

  it('serves no path the console would answer "Not found"', () => {
    for (const route of CONSOLE_ROUTES) {
      const path = route.replace('*', 'x-1');
      expect([path, parseRoute(path).page]).not.toEqual([path, 'not-found']);
    }
  });
});
