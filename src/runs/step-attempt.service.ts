import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CompiledStep } from '../engine/compiled-flow.js';
import {
  resolveItems,
  resolveStepInput,
  shouldRunStep,
  type ForEachItem,
} from '../engine/resolve-input.js';
import type { StepDefinition } from '../engine/flow-definition.js';
import { secretMarks, stepSecretNames } from '../engine/secret-references.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { classifyError, FatalError } from '../engine/step-errors.js';
import type { AttemptOutcome, AttemptRequest } from './step-attempt.types.js';
import { NamedSecretsService } from '../named-secrets/named-secrets.service.js';
import { EGRESS_HTTP } from '../plugin-host/plugin-host.module.js';
import { ConnectionsService } from '../connections/connections.service.js';
import { PluginRegistry, type FoundAction } from '../plugin-host/plugin-registry.js';
import { redactInput } from '../plugin-host/redact-input.js';
import { checkSecretDestinations } from '../named-secrets/secret-destinations.js';
import {
  redactCredentialHeaders,
  redactSecretText,
  redactSecretValues,
} from '../plugin-host/redact-secrets.js';
import { callInput, UNREDACTABLE, validateCallInput } from '../plugin-host/call-input.js';
import { credentialHttpClient } from '../plugin-host/secret-egress.js';
import { DryRunSkip, dryRunOutput, dryRunSkipped } from './dry-run.js';
import {
  isCredentialQueryKey,
  isSleepRequest,
  type ActionContext,
  type HttpClient,
} from '@flowhub/plugin-sdk';
import { itemIdempotencyKey, stepTimeoutMs } from '../engine/step-rules.js';

class StepTimeoutError extends Error {
  constructor(ms: number) {
    super(`the action did not finish within timeoutMs (${ms} ms)`);
    this.name = 'TimeoutError';
  }
}

const toJson = (value: unknown): unknown =>
  value === undefined ? null : JSON.parse(JSON.stringify(value));

/** The secrets a step names, once per (cached, immutable) definition. */
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
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /**
   * One attempt with the named secrets the step uses (decrypted here, in the worker, for this
   * attempt only). The run record is resolved a second time with `$secrets` bound to marks, so
   * nothing it keeps derives from a secret value; outputs and errors are redacted as well.
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
    const scoped =
      names.length === 0
        ? {}
        : {
            scope: { ...request.scope, secrets: secretMarks(names) },
            callScope: { ...request.scope, secrets },
          };
    const outcome = await this.attempt({
      ...request,
      ...scoped,
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
    const queryMaps = action?.credentialQueryInputs ?? [];
    const redact = (value: unknown) =>
      redactCredentialHeaders(
        redactCredentialHeaders(redactInput(redactSecretValues(value, secrets), paths), headerMaps),
        queryMaps,
        isCredentialQueryKey,
      );
    const recorded = { ...outcome } as AttemptOutcome & Record<string, unknown>;
    if (outcome.kind === 'skipped' && outcome.reason === 'dry-run')
      recorded.output = redactSecretValues(outcome.output, secrets);
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
        return { kind: 'skipped', reason: 'when' };
      const items = await resolveItems(request.step, request.scope);
      if (items === undefined) {
        input = await resolveStepInput(request.step, request.scope);
        const output = await this.invoke(request, input, request.idempotencyKey);
        if (output instanceof DryRunSkip) return { ...dryRunSkipped(input, [output]) };
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
    const skips: DryRunSkip[] = [];
    for (let index = 0; index < items.length; index += 1) {
      const input = await resolveStepInput(request.step, request.scope, {
        item: items[index],
        index,
      });
      inputs.push(input);
      keepInputs(inputs);
      if (index < outputs.length) continue;
      const output = await this.invoke(
        request,
        input,
        itemIdempotencyKey(request.idempotencyKey, index),
        {
          item: items[index],
          index,
        },
      );
      if (output instanceof DryRunSkip) {
        skips.push(output);
        continue;
      }
      if (isSleepRequest(output)) throw new FatalError('sleepUntil cannot be used inside forEach');
      outputs.push(toJson(output));
      await request.onItemDone(outputs);
    }
    if (skips.length > 0) return dryRunSkipped(inputs, skips, true);
    return { kind: 'succeeded' as const, input: inputs, output: outputs };
  }

  /**
   * The step's connection, its secret fields and the forms they take on the wire (basic:
   * base64 of user:password) added to what outputs and errors are redacted of.
   */
  private async grant(request: AttemptRequest, found: FoundAction) {
    const ref = request.step.definition.connection;
    if (!ref) return undefined;
    const granted = await this.connections.forStep(ref, found.plugin.name);
    const derived = found.plugin.connection?.derivedSecrets?.(granted.fields) ?? {};
    for (const [field, value] of Object.entries({ ...granted.secrets, ...derived }))
      if (request.revealed && value.length > 0)
        request.revealed[`connection:${ref}.${field}`] = value;
    return granted;
  }

  private async invoke(
    request: AttemptRequest,
    shown: unknown,
    idempotencyKey: string,
    item?: ForEachItem,
  ): Promise<unknown> {
    const { definition } = request.step;
    const found = this.plugins.getAction(definition.action);
    if (!found)
      throw new FatalError(`action '${definition.action}' is not installed on this Flowhub`);
    const { real, unredactable } = request.callScope
      ? await callInput(request.step, request.callScope, shown, item, request.revealed)
      : { real: shown, unredactable: false };
    const input = await validateCallInput(this.plugins, definition.action, real, shown);
    checkSecretDestinations(definition.action, found.action, input, request.limitedTo, shown);
    if (unredactable) throw new FatalError(UNREDACTABLE);
    if (request.dryRun && found.action.sideEffects) return dryRunOutput(found, input);
    const granted = await this.grant(request, found);
    const timeoutMs = stepTimeoutMs(definition);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new StepTimeoutError(timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    const context = this.context(request, input, idempotencyKey, controller.signal);
    if (granted || request.callScope)
      context.http = credentialHttpClient(this.http, this.runtime.config.egressAllowHosts);
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
