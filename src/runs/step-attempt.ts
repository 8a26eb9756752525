import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CompiledStep } from '../engine/compiled-flow.js';
import {
  resolveItems,
  resolveStepInput,
  shouldRunStep,
  type StepScope,
} from '../engine/resolve-input.js';
import type { StepDefinition } from '../engine/flow-definition.js';
import { stepSecretNames } from '../engine/secret-references.js';
import { classifyError, FatalError, type ClassifiedError } from '../engine/step-errors.js';
import { NamedSecretsService } from '../named-secrets/named-secrets.service.js';
import { EGRESS_HTTP } from '../plugin-host/plugin-host.module.js';
import { ConnectionsService } from '../connections/connections.service.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import { redactInput } from '../plugin-host/redact-input.js';
import { checkSecretDestinations } from '../named-secrets/secret-destinations.js';
import {
  redactCredentialHeaders,
  redactSecretText,
  redactSecretValues,
} from '../plugin-host/redact-secrets.js';
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
  /** Filled during the attempt: secret values it used (mark name -> value), for redaction. */
  revealed?: Record<string, string>;
  /** Named secrets of this step limited to hosts: name -> hosts. */
  limitedTo?: Record<string, string[]>;
}

class StepTimeoutError extends Error {
  constructor(ms: number) {
    super(`the action did not finish within timeoutMs (${ms} ms)`);
    this.name = 'TimeoutError';
  }
}

const toJson = (value: unknown): unknown =>
  value === undefined ? null : JSON.parse(JSON.stringify(value));

/** The secrets a step names, found once per (cached, immutable) definition. */
const secretNamesOf = new WeakMap<StepDefinition, string[]>();
function namesOf(step: StepDefinition): string[] {
  let names = secretNamesOf.get(step);
  if (!names) secretNamesOf.set(step, (names = stepSecretNames(step)));
  return names;
}

/** One attempt of one step: when, forEach, mapping, validation, the action call. */
@Injectable()
export class StepAttempts {
  constructor(
    private readonly plugins: PluginRegistry,
    private readonly connections: ConnectionsService,
    @Inject(EGRESS_HTTP) private readonly http: HttpClient,
    private readonly namedSecrets: NamedSecretsService,
  ) {}

  /**
   * One attempt with the named secrets the step uses (decrypted here, in the worker, for this
   * attempt only); what it returns for the run record shows none of them.
   */
  async run(request: AttemptRequest): Promise<AttemptOutcome> {
    const names = namesOf(request.step.definition);
    let secrets: Record<string, string> = {};
    let limitedTo: Record<string, string[]> = {};
    if (names.length > 0) {
      try {
        ({ values: secrets, hosts: limitedTo } = await this.namedSecrets.reveal(names));
      } catch (error) {
        return { kind: 'failed', error: classifyError(error) };
      }
    }
    const revealed: Record<string, string> = { ...secrets };
    const outcome = await this.attempt({
      ...request,
      scope: names.length === 0 ? request.scope : { ...request.scope, secrets },
      revealed,
      limitedTo,
      onItemDone: (outputs) =>
        request.onItemDone(redactSecretValues(outputs, revealed) as unknown[]),
    });
    return this.forRecord(request.step, outcome, revealed);
  }

  /** Secret values as `[secret:NAME]`, secret input paths and credential headers redacted. */
  private forRecord(
    step: CompiledStep,
    outcome: AttemptOutcome,
    secrets: Record<string, string>,
  ): AttemptOutcome {
    const action = this.plugins.getAction(step.definition.action)?.action;
    const paths = action?.secretInputs ?? [];
    const headerMaps = action?.credentialHeaderInputs ?? [];
    const redact = (value: unknown) =>
      redactCredentialHeaders(redactInput(redactSecretValues(value, secrets), paths), headerMaps);
    const recorded = { ...outcome } as AttemptOutcome & Record<string, unknown>;
    if ('input' in outcome && outcome.input !== undefined) {
      recorded.input =
        Array.isArray(outcome.input) && step.forEach
          ? outcome.input.map(redact)
          : redact(outcome.input);
    }
    if (outcome.kind === 'succeeded') recorded.output = redactSecretValues(outcome.output, secrets);
    if (outcome.kind === 'failed') {
      recorded.error = {
        ...outcome.error,
        message: redactSecretText(outcome.error.message, secrets),
      };
    }
    return recorded;
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
    checkSecretDestinations(definition.action, found.action, validated.value, request.limitedTo);
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
    for (const [field, value] of Object.entries(granted?.secrets ?? {}))
      if (request.revealed)
        request.revealed[`connection:${definition.connection}.${field}`] = value;
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
