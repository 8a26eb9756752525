import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import type { CompiledFlow } from '../engine/compiled-flow.js';
import type { TriggerDefinition } from '../engine/flow-definition.js';
import { catchKeyMatches } from '../flows/catch-key.js';
import { CompiledFlows } from '../flows/compiled-flows.cache.js';
import { FlowsRepository, type CatchTargetRow } from '../flows/flows.repository.js';
import { FlowsService } from '../flows/flows.service.js';
import { liveSecrets, type VerifySecret } from '../flows/verify-secrets.js';

/** How long an entry is trusted while no change notifications arrive, and while they do. */
export const TTL_MS = 5_000;
export const LISTENING_TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;
const RECONNECT_MS = 1_000;
/** Postgres NOTIFY channel: the payload is the id of a flow whose catch target changed. */
export const CATCH_TARGET_CHANNEL = 'flowhub_catch_target';

/** What the catch path needs of a flow: keys, current version, verify secrets, trigger. */
export interface CatchTarget {
  version: number;
  /** The current key's hash, then the previous one's until its grace period ends. */
  keys: { hash: Buffer; until: number | null }[];
  verifySecrets: VerifySecret[];
  /** The current version's trigger and compiled dedupe expression. */
  trigger: TriggerDefinition;
  dedupe: CompiledFlow['dedupe'];
}

/** Does `key` open this target at `now`? (Each comparison is constant-time.) */
export function keyOpens(target: CatchTarget, key: string, now: number): boolean {
  return target.keys.some(
    ({ hash, until }) => (until === null || until > now) && catchKeyMatches(key, hash),
  );
}

/** The verify secrets accepted at `now`, current first. */
export function secretsAt(target: CatchTarget, now: number): string[] {
  return liveSecrets(target.verifySecrets, now).map((s) => s.secret);
}

/**
 * Catch keys, version, verify secrets and trigger by flow id, so the catch path reads no flow
 * per request. Rotating, updating or deleting a flow clears its entry at once in this process
 * and sends a Postgres NOTIFY, which clears it in every other process; entries are kept
 * LISTENING_TTL_MS while those notifications can arrive, TTL_MS otherwise (a deleted flow is
 * refused by the insert in any case).
 */
@Injectable()
export class CatchKeyCache implements OnModuleDestroy {
  private readonly logger = new Logger('CatchKeyCache');
  private readonly entries = new Map<
    string,
    { target: CatchTarget | undefined; expires: number }
  >();
  private listener?: pg.Client;
  private listening = false;
  private closed = false;
  private reconnect?: NodeJS.Timeout;
  /** Bumped by every invalidation: a read that overlapped one is not cached. */
  private generation = 0;

  constructor(
    private readonly flows: FlowsRepository,
    private readonly service: FlowsService,
    private readonly compiled: CompiledFlows,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    service.onCatchKeyChange((flowId) => {
      this.invalidate(flowId);
      this.dataSource
        .query('SELECT pg_notify($1, $2)', [CATCH_TARGET_CHANNEL, flowId])
        .catch(() => undefined);
    });
  }

  private invalidate(flowId?: string): void {
    this.generation += 1;
    if (flowId) this.entries.delete(flowId);
    else this.entries.clear();
  }

  private async targetFrom(
    flowId: string,
    row: CatchTargetRow,
    previous: CatchTarget | undefined,
  ): Promise<CatchTarget> {
    const keys: CatchTarget['keys'] = [{ hash: row.catch_key_hash, until: null }];
    if (row.previous_catch_key_hash && row.previous_catch_key_expires_at) {
      keys.push({
        hash: row.previous_catch_key_hash,
        until: row.previous_catch_key_expires_at.getTime(),
      });
    }
    const sameVersion = previous?.version === row.current_version ? previous : undefined;
    const flow = sameVersion ?? (await this.compiled.get(flowId, row.current_version));
    const trigger = sameVersion ? sameVersion.trigger : (flow as CompiledFlow).definition.trigger;
    return {
      version: row.current_version,
      keys,
      verifySecrets: this.service.openSecrets(flowId, row.verify_secrets_sealed),
      trigger,
      dedupe: flow.dedupe,
    };
  }

  async targetOf(flowId: string): Promise<CatchTarget | undefined> {
    this.listen();
    const now = Date.now();
    const cached = this.entries.get(flowId);
    if (cached && cached.expires > now) return cached.target;
    const generation = this.generation;
    const ttl = this.listening ? LISTENING_TTL_MS : TTL_MS;
    const row = await this.flows.catchTarget(flowId);
    const target = row && (await this.targetFrom(flowId, row, cached?.target));
    if (generation !== this.generation) return target;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(flowId, { target, expires: now + ttl });
    return target;
  }

  /** One LISTEN connection per process, opened on the first catch request. */
  private listen(): void {
    if (this.listener || this.closed || this.reconnect) return;
    const client = new pg.Client({ connectionString: this.runtime.databaseUrl });
    this.listener = client;
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listening = false;
      this.invalidate();
      client.end().catch(() => undefined);
      if (this.closed) return;
      if (error) this.logger.warn(`catch target notifications lost (${error.message})`);
      this.reconnect = setTimeout(() => {
        this.reconnect = undefined;
      }, RECONNECT_MS);
      this.reconnect.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', ({ payload }) => this.invalidate(payload || undefined));
    client
      .connect()
      .then(() => client.query(`LISTEN ${CATCH_TARGET_CHANNEL}`))
      .then(() => {
        if (this.listener !== client) return;
        this.invalidate();
        this.listening = true;
      })
      .catch(lost);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    const client = this.listener;
    this.listener = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }
}
