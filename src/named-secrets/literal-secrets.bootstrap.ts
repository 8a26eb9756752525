import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { FlowDefinition } from '../engine/flow-definition.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import { LiteralSecrets } from './literal-secrets.js';
import { NamedSecretsRepository } from './named-secrets.repository.js';

interface VersionRow {
  flow_id: string;
  version: number;
  definition: FlowDefinition;
}

/**
 * Flow versions stored before literals were moved at save time: at boot (every role, one
 * process at a time under an advisory lock), each literal credential of a stored version is
 * moved into a named secret and the version rewritten to reference it. Idempotent: a version
 * without literals is left as it is. (Recorded run inputs were scrubbed by a migration.)
 */
@Injectable()
export class LiteralSecretsBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('NamedSecrets');

  constructor(
    private readonly repository: NamedSecretsRepository,
    private readonly plugins: PluginRegistry,
    private readonly literals: LiteralSecrets,
  ) {}

  /** Actions that declare secret inputs or credential header maps. */
  private actionsWithSecrets(): string[] {
    return this.plugins.actionNames().filter((name) => {
      const action = this.plugins.getAction(name)?.action;
      return Boolean(action?.secretInputs?.length || action?.credentialHeaderInputs?.length);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const actions = this.actionsWithSecrets();
    if (actions.length === 0) return;
    const moved = await this.repository.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('flowhub:literal-secrets'))");
      const rows: VersionRow[] = await manager.query(
        `SELECT flow_id, version, definition FROM flow_versions
         WHERE definition->'steps' @> ANY(SELECT jsonb_build_array(jsonb_build_object('action', a)) FROM unnest($1::text[]) a)`,
        [actions],
      );
      let count = 0;
      for (const row of rows) {
        const definition = await this.literals.move(manager, row.flow_id, row.definition);
        if (definition === row.definition) continue;
        await manager.query(
          'UPDATE flow_versions SET definition = $3 WHERE flow_id = $1 AND version = $2',
          [row.flow_id, row.version, JSON.stringify(definition)],
        );
        count += 1;
      }
      return count;
    });
    if (moved > 0)
      this.logger.warn(
        `Moved credentials typed into ${moved} stored flow version(s) into named secrets`,
      );
  }
}
