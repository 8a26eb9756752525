// The retention bench's pruning pass, run in the bench process from Flowhub's build (the same
// Pruner the job runs; in a deployment the pass runs in whichever process takes the advisory
// lock, the worker as well as the api), parked between its statements while a window without
// pruning is measured: windows with and without pruning alternate on one database.
import 'reflect-metadata';
import { dirname, join } from 'node:path';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { DataSource } from 'typeorm';

/**
 * A gate the pass's `between` hook waits on. `close(ms)` answers true once the pass is parked
 * (no statement in flight) or over, false when it did not get there within `ms` (a long
 * VACUUM): the caller then measures one more window with the pass running.
 */
export function pruneGate() {
  let open = false;
  let release = () => undefined;
  let parked = () => undefined;
  let isParked = false;
  let over = false;
  const waitParked = () => new Promise((resolve) => (parked = resolve));
  return {
    between: async () => {
      while (!open) {
        isParked = true;
        parked(true);
        await new Promise((resolve) => (release = resolve));
        isParked = false;
      }
    },
    open() {
      open = true;
      release();
    },
    async close(ms) {
      open = false;
      if (isParked || over) return true;
      let timer;
      const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(false), ms)));
      const result = await Promise.race([waitParked(), timeout]);
      clearTimeout(timer);
      return result || isParked || over;
    },
    done() {
      over = true;
      parked(true);
    },
  };
}

/** A pruning pass of Flowhub's build `main` (dist/src/main.js) over `url`, with `options`. */
export async function startPass(main, url, retentionDays, options) {
  const dist = dirname(main);
  const load = (file) => import(pathToFileURL(join(dist, 'retention', file)).href);
  const { Pruner } = await load('pruner.service.js');
  const { RetentionRepository } = await load('retention.repository.js');
  const dataSource = new DataSource({ type: 'postgres', url, extra: { max: 2 } });
  await dataSource.initialize();
  const pruner = new Pruner(new RetentionRepository(dataSource), { config: { retentionDays } });
  const started = Date.now();
  return pruner
    .prune(options)
    .then((report) => ({ ...report, wallMs: Date.now() - started }))
    .finally(() => dataSource.destroy());
}

/** Samples, once a second, whether an autovacuum worker or a VACUUM is running in `db`. */
export function vacuumSampler(client) {
  let seen = { autovacuum: 0, vacuum: 0, samples: 0 };
  const timer = setInterval(async () => {
    const { rows } = await client
      .query(
        `SELECT count(*) FILTER (WHERE backend_type = 'autovacuum worker')::int AS auto,
           count(*) FILTER (WHERE backend_type = 'client backend' AND query ILIKE 'VACUUM%'
             AND state = 'active')::int AS manual
         FROM pg_stat_activity WHERE datname = current_database()`,
      )
      .catch(() => ({ rows: [{ auto: 0, manual: 0 }] }));
    seen.samples += 1;
    if (rows[0].auto > 0) seen.autovacuum += 1;
    if (rows[0].manual > 0) seen.vacuum += 1;
  }, 1000);
  return {
    /** The seconds with a vacuum running since the last take, and resets. */
    take() {
      const taken = seen;
      seen = { autovacuum: 0, vacuum: 0, samples: 0 };
      return taken;
    },
    stop: () => clearInterval(timer),
  };
}
