// How many runs are pending or failed: in SQL (Flowhub on a bench database, the floor), or
// through the API (Flowhub on the embedded default).
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import pg from 'pg';
import { ADMIN_KEY, databaseUrl } from './systems.mjs';

const auth = { authorization: `Bearer ${ADMIN_KEY}` };

/**
 * Flowhub's runs queued or running, and failed: exact counts in SQL when the bench knows the
 * database; through the API (embedded default) 0 or 1 each, whether there is any.
 */
export function flowhubCounts(origin, db) {
  if (db) return sqlCounts(db, 'runs');
  const any = async (status) => {
    const response = await fetch(`${origin}/api/v1/runs?status=${status}&limit=1`, {
      headers: auth,
    });
    return (await response.json()).items.length;
  };
  return async () => {
    const [queued, running, failed] = await Promise.all([
      any('queued'),
      any('running'),
      any('failed'),
    ]);
    return { pending: queued + running, failed };
  };
}

export function floorCounts(db) {
  return sqlCounts(db, 'floor_runs');
}

function sqlCounts(db, table) {
  const pool = new pg.Pool({ connectionString: databaseUrl(db), max: 1 });
  // pool.end() resolves before its client's socket is closed: the DROP DATABASE ... WITH
  // (FORCE) right after may reach that client and must not crash the bench.
  pool.on('error', () => undefined);
  const counts = async () => {
    const { rows } = await pool.query(
      `SELECT count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS pending,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM ${table} WHERE status <> 'succeeded'`,
    );
    return rows[0];
  };
  counts.close = () => pool.end();
  return counts;
}

/**
 * `count` more flows cloned in SQL from a flow made through the API (same definition, each with
 * its own catch key), so the 10,000-flow case does not spend a minute in POST /flows.
 */
export async function cloneFlowhubFlows(db, templatePath, count) {
  const templateId = templatePath.split('/')[3];
  const ids = [];
  const hashes = [];
  const paths = [];
  for (let i = 0; i < count; i += 1) {
    const id = randomUUID();
    const key = randomBytes(32).toString('base64url');
    ids.push(id);
    hashes.push(createHash('sha256').update(key, 'utf8').digest());
    paths.push(`/webhook/catch/${id}/${key}`);
  }
  const client = new pg.Client({ connectionString: databaseUrl(db) });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO flows (id, name, status, current_version, catch_key_hash, catch_key_sealed)
       SELECT c.id, f.name || '-' || c.n, f.status, f.current_version, c.hash, f.catch_key_sealed
       FROM flows f, unnest($2::uuid[], $3::bytea[]) WITH ORDINALITY AS c(id, hash, n) WHERE f.id = $1`,
      [templateId, ids, hashes],
    );
    await client.query(
      `INSERT INTO flow_versions (flow_id, version, definition)
       SELECT c.id, v.version, v.definition FROM flow_versions v, unnest($2::uuid[]) AS c(id)
       WHERE v.flow_id = $1`,
      [templateId, ids],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return paths;
}
