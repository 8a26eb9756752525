import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CompiledStep } from '../engine/compiled-flow.js';
import {
  resolveItems,
  resolveStepInput,
  shouldRunStep,
  type StepScope,
} from '../engine/resolve-input.js';
import { classifyError, FatalError, type ClassifiedError } from '../engine/step-errors.js';
import { EGRESS_HTTP } from '../plugin-host/plugin-host.module.js';
import { ConnectionsService } from '../connections/connections.service.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import { redactInput } from '../plugin-host/redact-input.js';
import { isSleepRequest, type ActionContext, type HttpClient } from '../plugin-sdk/index.js';

export const DEFAULT_STEP_TIMEOUT_MS = 30_000;

export type AttemptOutcome =
  | { kind: 'succeeded'; input: unknown; output: unknown }
  | { kind: 'skipped' }
  | { kind: 'sleeping'; input: unknown; until: Date }
  | { kind: 'failed'; input?: unknown; error: ClassifiedError };

export interface AttemptRequest {
  step: CompiledStep;
  scope: StepScope;
  dryRun: boolean;
  attempt: number;
  idempotencyKey: string;
  wokeAt?: Date;
  /** forEach: outputs of items finished by earlier attempts. */
  doneItems: unknown[];
  /** forEach: called after each item, to save progress and renew the lease. */
  onItemDone(outputs: unknown[]): Promise<void>;
}

class StepTimeoutError extends Error {
  constructor(ms: number) {
    super(`the action did not finish within timeoutMs (${ms} ms)`);
    this.name = 'TimeoutError';
  }
}

const toJson = (value: unknown): unknown =>
  value === undefined ? null : JSON.parse(JSON.stringify(value));

/** One attempt of one step: when, forEach, mapping, validation, the action call. */
@Injectable()
export class StepAttempts {
  constructor(
    private readonly plugins: PluginRegistry,
    private readonly connections: ConnectionsService,
    @Inject(EGRESS_HTTP) private readonly http: HttpClient,
  ) {}

  async run(request: AttemptRequest): Promise<AttemptOutcome> {
    const outcome = await this.attempt(request);
    const secrets =
      this.plugins.getAction(request.step.definition.action)?.action.secretInputs ?? [];
    if (secrets.length === 0 || !('input' in outcome)) return outcome;
    const redact = (value: unknown) => redactInput(value, secrets);
    const input =
      Array.isArray(outcome.input) && request.step.forEach
        ? outcome.input.map(redact)
        : redact(outcome.input);
    return { ...outcome, input };
  }

  private async attempt(request: AttemptRequest): Promise<AttemptOutcome> {
    let input: unknown;
    try {
      if (request.step.when && !(await shouldRunStep(request.step, request.scope)))
        return { kind: 'skipped' };
      const items = await resolveItems(request.step, request.scope);
      if (items === undefined) {
        input = await resolveStepInput(request.step, request.scope);
        const output = await this.invoke(request, input, request.idempotencyKey);
        if (isSleepRequest(output)) return { kind: 'sleeping', input, until: output.sleepUntil };
        return { kind: 'succeeded', input, output: toJson(output) };
      }
      return await this.runItems(request, items, (inputs) => (input = inputs));
    } catch (error) {
      return { kind: 'failed', input, error: classifyError(error) };
    }
  }

  private async runItems(
    request: AttemptRequest,
    items: unknown[],
    keepInputs: (inputs: unknown[]) => void,
  ) {
    const outputs = [...request.doneItems];
    const inputs: unknown[] = [];
    for (let index = 0; index < items.length; index += 1) {
      const input = await resolveStepInput(request.step, request.scope, {
        item: items[index],
        index,
      });
      inputs.push(input);
      keepInputs(inputs);
      if (index < outputs.length) continue;
      const output = await this.invoke(request, input, `${request.idempotencyKey}:${index}`);
      if (isSleepRequest(output)) throw new FatalError('sleepUntil cannot be used inside forEach');
      outputs.push(toJson(output));
      await request.onItemDone(outputs);
    }
    return { kind: 'succeeded' as const, input: inputs, output: outputs };
  }

  private async invoke(
    request: AttemptRequest,
    raw: unknown,
    idempotencyKey: string,
  ): Promise<unknown> {
    const { definition } = request.step;
    const found = this.plugins.getAction(definition.action);
    if (!found)
      throw new FatalError(`action '${definition.action}' is not installed on this Flowhub`);
    const validated = await this.plugins.validateInput(
      definition.action,
      raw as Record<string, unknown>,
    );
    if (!validated.ok) {
      const problems = validated.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      throw new FatalError(`input for ${definition.action} is invalid: ${problems}`);
    }
    if (request.dryRun && found.action.sideEffects) return null;
    const granted = definition.connection
      ? await this.connections.forStep(definition.connection, found.plugin.name)
      : undefined;
    const timeoutMs = definition.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new StepTimeoutError(timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    const context = this.context(request, validated.value, idempotencyKey, controller.signal);
    context.connection = granted?.fields;
    context.auth = granted?.auth;
    try {
      return await Promise.race([found.action.run(context), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private context(
    request: AttemptRequest,
    input: unknown,
    idempotencyKey: string,
    signal: AbortSignal,
  ): ActionContext {
    const { run } = request.scope;
    const logger = new Logger(`run ${run.id} step ${request.step.definition.id}`);
    return {
      input,
      http: this.http,
      idempotencyKey,
      signal,
      wokeAt: request.wokeAt,
      run: { ...run, stepId: request.step.definition.id, attempt: request.attempt },
      sleepUntil: (until: Date) => ({ sleepUntil: until }),
      log: {
        info: (message, data) => logger.log({ msg: message, ...data }),
        warn: (message, data) => logger.warn({ msg: message, ...data }),
        error: (message, data) => logger.error({ msg: message, ...data }),
      },
    };
  }
}
