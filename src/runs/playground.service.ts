import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../common/app-error.js';
import { route } from '../common/links.js';
import { decodeCursor, encodeCursor } from '../common/page-cursor.js';
import type { TriggerData } from '../engine/flow-definition.js';
import { compileExpression, DEFAULT_EXPRESSION_LIMITS } from '../engine/expressions.js';
import { expressionBindings } from '../engine/resolve-input.js';
import { referencedSecrets, secretMarks } from '../engine/secret-references.js';
import { FlowsService } from '../flows/flows.service.js';
import type { EvaluateDto, EvaluationDto, StoredRequestDto } from './dto/playground.dto.js';
import { RunsRepository, type StoredRequestRow } from './runs.repository.js';
import { triggerFrom } from './stored-request.js';

const requestView = (row: StoredRequestRow & { id: string }): StoredRequestDto => ({
  id: row.id,
  receivedAt: new Date(row.received_at).toISOString(),
  method: row.method,
  contentType: row.content_type,
  size: row.size,
  sourceIp: row.source_ip,
  headers: row.headers,
  query: row.query,
  body: row.body,
});

/**
 * The mapping playground: one expression evaluated against a past request of the flow (or a
 * payload) and earlier steps' outputs, with the guardrails runs have (time, depth, size, the
 * isolated pool). `$secrets.NAME` is bound to `[secret:NAME]`: no secret value is read.
 */
@Injectable()
export class Playground {
  constructor(
    private readonly flows: FlowsService,
    private readonly runs: RunsRepository,
  ) {}

  async requests(flowId: string, limit = 20, cursor?: string) {
    await this.flows.get(flowId);
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const rows = await this.runs.flowRequests(flowId, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const more = rows.length > limit && last;
    return {
      items: page.map(requestView),
      nextCursor: more ? encodeCursor(last.received_at_text, last.id) : null,
    };
  }

  async evaluate(flowId: string, body: EvaluateDto): Promise<EvaluationDto> {
    const { flow } = await this.flows.get(flowId);
    const trigger = await this.triggerOf(flowId, body);
    const secrets = secretMarks(safeReferencedSecrets(body.expression));
    const run = { id: `playground-${randomUUID()}`, flowId, flowVersion: flow.currentVersion };
    const scope = { trigger, steps: body.steps ?? {}, run, secrets };
    const item = body.item === undefined ? undefined : { item: body.item, index: 0 };
    try {
      const compiled = compileExpression(body.expression, 'expression', DEFAULT_EXPRESSION_LIMITS);
      const value = await compiled.evaluate(trigger.body, expressionBindings(scope, item));
      return { matched: value !== undefined, result: value ?? null, error: null };
    } catch (error) {
      return { matched: false, result: null, error: (error as Error).message };
    }
  }

  private async triggerOf(flowId: string, body: EvaluateDto): Promise<TriggerData> {
    if (body.requestId === undefined) {
      const now = new Date().toISOString();
      const payload = body.payload ?? {};
      return {
        body: payload,
        headers: {},
        query: {},
        method: 'POST',
        receivedAt: now,
        contentType: 'application/json',
      };
    }
    const row = await this.runs.findFlowRequest(flowId, body.requestId);
    if (!row) {
      throw new AppError(
        ErrorCode.NotFound,
        `No request '${body.requestId}' of this flow (${route('GET', `/flows/${flowId}/requests`)} lists them)`,
      );
    }
    return triggerFrom(row);
  }
}

/** The secret names an expression reads; none when it does not parse (evaluate says why). */
function safeReferencedSecrets(source: string): string[] {
  try {
    return referencedSecrets(source);
  } catch {
    return [];
  }
}
