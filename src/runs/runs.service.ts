import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { storedHeaders } from '../engine/stored-headers.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { CompiledFlows } from '../flows/compiled-flows.cache.js';
import { FlowsService } from '../flows/flows.service.js';
import type { ListRunsQueryDto, RunDto, RunPageDto, TestFlowDto } from './dto/run.dto.js';
import { RunQueue } from './run-queue.service.js';
import { decodeCursor, encodeCursor, runView, stepView } from './run-views.js';
import { FINISHED_RUN_STATUSES } from './run.entity.js';
import { RunsRepository, type RunListFilter, type RunRow } from './runs.repository.js';
import { parsePayloadMatch, type PayloadMatch } from './payload-match.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RunLifecycle } from './state/run-lifecycle.repository.js';
import { planReplay, replayModeOf, type ReplayRequest } from './replay-plan.js';

export const TEST_RUN_WAIT_MS = 30_000;

const runNotFound = (id: string) => new AppError(ErrorCode.NotFound, `No run with id '${id}'`);

@Injectable()
export class RunsService {
  constructor(
    private readonly runs: RunsRepository,
    private readonly queue: RunQueue,
    private readonly compiled: CompiledFlows,
    private readonly flows: FlowsService,
    private readonly lifecycle: RunLifecycle,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  private async view(run: RunRow): Promise<RunDto> {
    const flow = await this.compiled.get(run.flow_id, run.flow_version);
    return runView(run, flow.definition);
  }

  async get(id: string): Promise<RunDto> {
    const run = await this.runs.find(id);
    if (!run) throw runNotFound(id);
    const [request, steps] = await Promise.all([
      this.runs.findRequest(run.request_id),
      this.runs.steps(id),
    ]);
    const trigger = request && {
      method: request.method,
      headers: request.headers,
      query: request.query,
      body: request.body,
      contentType: request.content_type,
      size: request.size,
      sourceIp: request.source_ip,
      receivedAt: new Date(request.received_at).toISOString(),
    };
    return { ...(await this.view(run)), trigger, steps: steps.map(stepView) };
  }

  async list(query: ListRunsQueryDto): Promise<RunPageDto> {
    const limit = query.limit ?? 20;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !after) {
      throw new AppError(
        ErrorCode.BadRequest,
        'cursor is not valid: pass the nextCursor of a previous page',
      );
    }
    const filter = {
      flowId: query.flowId,
      status: query.status,
      since: query.since,
      until: query.until,
      errorCode: query.errorCode,
      issueId: query.issueId,
      after,
    };
    if (query.match !== undefined)
      return this.search(filter, parsePayloadMatch(query.match)!, limit);
    const rows = await this.runs.list({ ...filter, limit: limit + 1 });
    return this.page(rows, limit);
  }

  /**
   * A payload search reads the request bodies of the next `searchScanLimit` runs the other
   * filters select, no more: a page with fewer matches than asked says `partial` and its
   * cursor goes on from the last run it read.
   */
  private async search(
    filter: Omit<RunListFilter, 'limit' | 'match'>,
    match: PayloadMatch,
    limit: number,
  ): Promise<RunPageDto> {
    const edge = await this.runs.nthPosition(filter, this.runtime.config.searchScanLimit);
    const rows = await this.runs.list({ ...filter, match, notBefore: edge, limit: limit + 1 });
    if (rows.length > limit || !edge) return { ...(await this.page(rows, limit)), partial: false };
    const items = await Promise.all(rows.map((row) => this.view(row)));
    return { items, nextCursor: encodeCursor(edge.createdAt, edge.id), partial: true };
  }

  private async page(
    rows: (RunRow & { created_at_text: string })[],
    limit: number,
  ): Promise<RunPageDto> {
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await Promise.all(page.map((row) => this.view(row))),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at_text, last.id) : null,
    };
  }

  async cancel(id: string): Promise<RunDto> {
    const run = await this.runs.find(id);
    if (!run) throw runNotFound(id);
    if (!(await this.lifecycle.cancel(id))) {
      throw new AppError(
        ErrorCode.Conflict,
        `Run '${id}' already finished (${run.status}); nothing to cancel`,
      );
    }
    return this.get(id);
  }

  /**
   * A new run of the same request (replay-plan.ts): retry by default (what succeeded is kept,
   * the rest runs again with the same idempotency keys), from a step, or fresh (new keys).
   */
  async replay(id: string, request: ReplayRequest): Promise<RunDto> {
    replayModeOf(request);
    const original = await this.runs.find(id);
    if (!original) throw runNotFound(id);
    if (!FINISHED_RUN_STATUSES.includes(original.status)) {
      throw new AppError(
        ErrorCode.Conflict,
        `Run '${id}' is ${original.status}: wait for it to finish or cancel it first`,
      );
    }
    const flowVersion =
      request.version === 'latest'
        ? (await this.flows.get(original.flow_id)).flow.currentVersion
        : original.flow_version;
    const flow = await this.compiled.get(original.flow_id, flowVersion);
    const dryRun = (original.mode_override ?? flow.definition.mode ?? 'live') === 'dry-run';
    const sources = await this.runs.replaySources(id);
    const plan = planReplay(original, sources, flow, { ...request, flowVersion, dryRun });
    const runId = randomUUID();
    await this.lifecycle.insertReplay(original, runId, flowVersion, plan);
    await this.queue.start(runId, '', { flowId: original.flow_id, flowVersion });
    return this.get(runId);
  }

  /** Runs a sample payload through the flow's current version and waits for the result. */
  async test(flowId: string, body: TestFlowDto): Promise<{ run: RunDto; finished: boolean }> {
    const { flow, definition } = await this.flows.get(flowId);
    const raw = Buffer.from(JSON.stringify(body.payload ?? {}));
    const headers = storedHeaders(
      { 'content-type': 'application/json', ...lowerCaseKeys(body.headers ?? {}) },
      definition.trigger.verify,
    );
    const runId = randomUUID();
    await this.lifecycle.insertRun(
      {
        id: runId,
        flowId,
        flowVersion: flow.currentVersion,
        modeOverride: body.dryRun ? 'dry-run' : null,
        replayOf: null,
      },
      {
        id: randomUUID(),
        method: 'POST',
        headers,
        query: {},
        rawBody: raw,
        body: body.payload ?? {},
        contentType: 'application/json',
        size: raw.length,
        sourceIp: null,
        receivedAt: new Date(),
      },
    );
    await this.queue.start(runId, '', { flowId, flowVersion: flow.currentVersion });
    if (body.wait === false) return { run: await this.get(runId), finished: false };
    const deadline = Date.now() + TEST_RUN_WAIT_MS;
    while (Date.now() < deadline) {
      const run = await this.runs.find(runId);
      if (run && FINISHED_RUN_STATUSES.includes(run.status))
        return { run: await this.get(runId), finished: true };
      await sleep(50);
    }
    return { run: await this.get(runId), finished: false };
  }

  /** The flows list's activity columns: last run and failure rate since `since` (24 h). */
  async activity(since = new Date(Date.now() - 24 * 3_600_000).toISOString()) {
    const rows = await this.runs.activity(since);
    const items = rows.map((row) => {
      const finished = row.failed + row.succeeded;
      const lastRun = row.last_id
        ? {
            id: row.last_id,
            status: row.last_status!,
            createdAt: row.last_created_at!.toISOString(),
          }
        : null;
      const failureRate = finished === 0 ? null : row.failed / finished;
      return { flowId: row.flow_id, lastRun, runs: row.runs, failed: row.failed, failureRate };
    });
    return { since: new Date(since).toISOString(), items };
  }

  /** Activation: held runs become queued and are enqueued in arrival order. */
  async releaseHeld(flowId: string): Promise<number> {
    const ids = await this.lifecycle.releaseHeld(flowId);
    for (const id of ids) await this.queue.start(id);
    return ids.length;
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
}
