import { route } from '../common/links.js';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FlowDefinition, StepDefinition } from '../engine/flow-definition.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import { findLiterals, LiteralSecrets } from './literal-secrets.service.js';
import { NamedSecretsRepository } from './named-secrets.repository.js';

/** Where an action declares literals may sit: a secret input, or a map (headers, query). */
interface Declaration {
  action: string;
  kind: 'value' | 'map';
  path: string[];
}

/** The declarations of maps whose credential-named entries are moved (the SDK's names). */
const MAP_INPUTS = ['credentialHeaderInputs', 'credentialQueryInputs'];

interface VersionKey {
  flow_id: string;
  version: number;
}

const NO_FLOW = '00000000-0000-0000-0000-000000000000';

/** Versions whose failure is logged in full at one boot; the rest are counted. */
const LOGGED_FAILURES = 20;

/** Versions moved per page (each in its own transaction). */
export const LITERAL_PAGE_SIZE = 100;

/**
 * For the flow_versions row `v`: one row per non-empty string at a declared place of a step
 * (a `{"$secret": NAME}` placeholder is an object, so it never matches), as `spot`: the
 * declaration's index, ':', and for a map the entry's name. $1 holds the declarations.
 */
const LITERALS_OF_V = `
  SELECT d.i || ':' || coalesce(h.name, '') AS spot
  FROM jsonb_array_elements(CASE jsonb_typeof(v.definition->'steps')
         WHEN 'array' THEN v.definition->'steps' ELSE '[]'::jsonb END) AS s(step)
  JOIN jsonb_to_recordset($1::jsonb) AS d(i int, action text, kind text, path text[])
    ON d.action = s.step->>'action'
  CROSS JOIN LATERAL (
    SELECT NULL::text AS name
    WHERE d.kind = 'value' AND jsonb_typeof(s.step->'input' #> d.path) = 'string'
      AND s.step->'input' #>> d.path <> ''
    UNION ALL
    SELECT e.key FROM jsonb_each(CASE WHEN d.kind = 'map'
        AND jsonb_typeof(s.step->'input' #> d.path) = 'object'
        THEN s.step->'input' #> d.path ELSE '{}'::jsonb END) AS e(key, value)
    WHERE jsonb_typeof(e.value) = 'string' AND e.value #>> '{}' <> ''
  ) AS h`;

/** The distinct spots where strings are stored (e.g. '0:Content-Type'): a handful of rows. */
const LITERAL_SPOTS = `SELECT DISTINCT l.spot FROM flow_versions v CROSS JOIN LATERAL (${LITERALS_OF_V}) AS l`;

/** The next page of versions holding a string at a spot that is a credential ($2). */
const CANDIDATES = `SELECT v.flow_id, v.version FROM flow_versions v
  WHERE (v.flow_id, v.version) > ($3::uuid, $4::int)
    AND EXISTS (SELECT 1 FROM (${LITERALS_OF_V}) AS l WHERE l.spot = ANY($2::text[]))
  ORDER BY v.flow_id, v.version LIMIT ${LITERAL_PAGE_SIZE}`;

const nested = (keys: string[], value: unknown) =>
  keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);

/**
 * Flow versions stored before literals were moved at save time: at boot (every role), each
 * literal credential of a stored version is moved into a named secret and the version rewritten
 * to reference it. Cheap when nothing is left: one query returns where strings are stored at
 * declared places (e.g. which header names), findLiterals says which of those are credentials,
 * and only versions holding one are read, a page at a time, each
 * in its own transaction under an advisory lock (so two booting processes never move the same
 * one). A version that cannot be moved is logged and left as it is; boot goes on.
 * (Recorded run inputs were scrubbed by a migration.)
 */
@Injectable()
export class LiteralSecretsBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('NamedSecrets');

  constructor(
    private readonly repository: NamedSecretsRepository,
    private readonly plugins: PluginRegistry,
    private readonly literals: LiteralSecrets,
  ) {}

  /** Secret inputs and credential maps, as each action declares them. */
  private declarations(): Declaration[] {
    return this.plugins.actionNames().flatMap((action) => {
      const declared = (this.plugins.getAction(action)?.action ?? {}) as Record<string, unknown>;
      const at = (kind: Declaration['kind'], paths: unknown) =>
        (Array.isArray(paths) ? (paths as string[]) : []).map((path) => ({
          action,
          kind,
          path: path.split('.'),
        }));
      return [
        ...at('value', declared.secretInputs),
        ...MAP_INPUTS.flatMap((key) => at('map', declared[key])),
      ];
    });
  }

  /**
   * The spots whose strings are credentials, as findLiterals decides: a string at a secret
   * input always is; a map entry is when its name is a credential's (e.g. Authorization).
   */
  private credentialSpots(declarations: Declaration[], spots: string[]): string[] {
    return spots.filter((spot) => {
      const cut = spot.indexOf(':');
      const { action, kind, path } = declarations[Number(spot.slice(0, cut))];
      const keys = kind === 'map' ? [...path, spot.slice(cut + 1)] : path;
      const step = { id: 'probe', action, input: nested(keys, 'probe') } as StepDefinition;
      const declared = this.plugins.getAction(action)?.action ?? {};
      return findLiterals(NO_FLOW, step, declared).length > 0;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const declarations = this.declarations();
    if (declarations.length === 0) return;
    const json = JSON.stringify(declarations.map((declaration, i) => ({ ...declaration, i })));
    const found: { spot: string }[] = await this.repository.dataSource.query(LITERAL_SPOTS, [json]);
    const spots = this.credentialSpots(
      declarations,
      found.map(({ spot }) => spot),
    );
    if (spots.length === 0) return;
    const counts = { moved: 0, failed: 0 };
    let after: VersionKey = { flow_id: NO_FLOW, version: -1 };
    for (;;) {
      const page: VersionKey[] = await this.repository.dataSource.query(CANDIDATES, [
        json,
        spots,
        after.flow_id,
        after.version,
      ]);
      for (const key of page) await this.moveOne(key, counts);
      if (page.length < LITERAL_PAGE_SIZE) break;
      after = page[page.length - 1];
    }
    if (counts.moved > 0)
      this.logger.warn(
        `Moved credentials typed into ${counts.moved} stored flow version(s) into named secrets`,
      );
    if (counts.failed > LOGGED_FAILURES)
      this.logger.error(
        `Could not move the credentials typed into ${counts.failed} stored flow version(s) (the first ${LOGGED_FAILURES} are logged above, with what to do)`,
      );
  }

  /** Moves one version's literals, counting it as moved or failed (the first few logged). */
  private async moveOne(key: VersionKey, counts: { moved: number; failed: number }) {
    let definition: FlowDefinition | undefined;
    try {
      const moved = await this.repository.transaction(async (manager) => {
        definition = await this.lockedDefinition(manager, key);
        if (!definition) return false;
        const next = await this.literals.move(manager, key.flow_id, definition);
        if (next === definition) return false;
        await manager.query(
          'UPDATE flow_versions SET definition = $3 WHERE flow_id = $1 AND version = $2',
          [key.flow_id, key.version, JSON.stringify(next)],
        );
        return true;
      });
      if (moved) counts.moved += 1;
    } catch (error) {
      counts.failed += 1;
      if (counts.failed <= LOGGED_FAILURES) this.logger.error(this.failure(key, definition, error));
    }
  }

  private async lockedDefinition(manager: EntityManager, key: VersionKey) {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('flowhub:literal-secrets'))");
    const rows: { definition: FlowDefinition }[] = await manager.query(
      'SELECT definition FROM flow_versions WHERE flow_id = $1 AND version = $2 FOR UPDATE',
      [key.flow_id, key.version],
    );
    return rows[0]?.definition;
  }

  /** What failed and what to do, with every literal of the version cut out of the reason. */
  private failure(key: VersionKey, definition: FlowDefinition | undefined, error: unknown) {
    const found = (Array.isArray(definition?.steps) ? definition.steps : []).flatMap((step) =>
      findLiterals(key.flow_id, step, this.plugins.getAction(step.action)?.action ?? {}),
    );
    let reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    for (const { value } of found) reason = reason.split(value).join('[redacted]');
    const names = [...new Set(found.map(({ baseName }) => `'${baseName}'`))].join(', ');
    const secretAdvice = names
      ? ` If a named secret ${names} (or one with a _2, _3… suffix) no longer decrypts, restore the master key it was encrypted with to FLOWHUB_MASTER_KEYS, or give it the value again (${route('PUT', '/secrets/NAME')}).`
      : '';
    return (
      `Could not move the credentials typed into flow ${key.flow_id} version ${key.version} into named secrets (${reason}); ` +
      `this version keeps them in clear until the move succeeds (it is tried again at every boot): fix the cause and restart Flowhub.${secretAdvice}`
    );
  }
}
