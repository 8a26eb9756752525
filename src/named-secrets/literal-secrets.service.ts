import { route } from '../common/links.js';
/**
 * Compatibility: a flow saved with a credential in clear (a credential header or `sign.secret`
 * in a step's static input) keeps working, but the value is moved into a named secret in the
 * same transaction and the definition is rewritten to `{"$secret": NAME}`. The literal is
 * never stored in a flow version and never shown again.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FlowDefinition, StepDefinition } from '../engine/flow-definition.js';
import { isPlainObject } from '../engine/plain-json.js';
import { isSecretPlaceholder, secretPlaceholder } from '../engine/secret-references.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { isCredentialHeader, isCredentialQueryKey } from '@flowhub/plugin-sdk';
import { NamedSecretsService } from './named-secrets.service.js';
import { originOfUrl } from './secret-origins.js';

/** A literal found in a step's input: where it is, what it is, the name it will get. */
export interface FoundLiteral {
  /** Keys from the step's input to the value. */
  keys: string[];
  value: string;
  baseName: string;
}

type Declared = {
  secretInputs?: string[];
  credentialHeaderInputs?: string[];
  credentialQueryInputs?: string[];
  destinationInput?: string;
};

/**
 * The origin a moved literal is bound to: that of the step's static URL. (The save refuses a
 * literal in a step whose `map` may change the URL; a version stored before is bound to its
 * static URL's origin, and a run the map sends elsewhere fails without sending it.)
 */
export function literalOrigin(step: StepDefinition, declared: Declared): string | undefined {
  if (!declared.destinationInput) return undefined;
  const url = valueAt(step.input, declared.destinationInput.split('.'));
  return typeof url === 'string' ? originOfUrl(url) : undefined;
}

const unbound = (step: StepDefinition) =>
  new AppError(
    ErrorCode.BadRequest,
    `step '${step.id}' holds a credential typed in clear but has no static url to bind it to: create a named secret with hosts (${route('POST', '/secrets')}) and write $secrets.NAME, or use an http connection`,
  );

const safe = (part: string) => part.replace(/[^A-Za-z0-9_]/g, '_');

/** `flow_<first 8 of the flow id>_<step>_<what>`, usable as `$secrets.NAME`. */
export function literalSecretName(flowId: string, stepId: string, what: string): string {
  return `flow_${safe(flowId.slice(0, 8))}_${safe(stepId)}_${safe(what.toLowerCase())}`.slice(
    0,
    96,
  );
}

function valueAt(input: unknown, keys: string[]): unknown {
  return keys.reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), input);
}

const isLiteral = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Literal credentials in one step's static input, per the action's declarations. */
export function findLiterals(
  flowId: string,
  step: StepDefinition,
  declared: Declared,
): FoundLiteral[] {
  const found: FoundLiteral[] = [];
  for (const path of declared.secretInputs ?? []) {
    const keys = path.split('.');
    const value = valueAt(step.input, keys);
    if (isLiteral(value))
      found.push({ keys, value, baseName: literalSecretName(flowId, step.id, keys.join('_')) });
  }
  const maps: [string[], (name: string) => boolean][] = [
    ...(declared.credentialHeaderInputs ?? []).map((p): [string[], typeof isCredentialHeader] => [
      p.split('.'),
      isCredentialHeader,
    ]),
    ...(declared.credentialQueryInputs ?? []).map((p): [string[], typeof isCredentialHeader] => [
      p.split('.'),
      isCredentialQueryKey,
    ]),
  ];
  for (const [path, isCredential] of maps) {
    const entries = valueAt(step.input, path);
    if (!isPlainObject(entries)) continue;
    for (const [name, value] of Object.entries(entries)) {
      if (!isCredential(name) || !isLiteral(value) || isSecretPlaceholder(value)) continue;
      const keys = [...path, name];
      const what = path.length === 1 && path[0] === 'headers' ? name : keys.join('_');
      found.push({ keys, value, baseName: literalSecretName(flowId, step.id, what) });
    }
  }
  return found;
}

/** A copy of `input` with the value at `keys` replaced. */
function replaceAt(input: Record<string, unknown>, [key, ...rest]: string[], value: unknown) {
  const copy: Record<string, unknown> = { ...input };
  copy[key] =
    rest.length === 0
      ? value
      : replaceAt((input[key] ?? {}) as Record<string, unknown>, rest, value);
  return copy;
}

@Injectable()
export class LiteralSecrets {
  constructor(
    private readonly plugins: PluginRegistry,
    private readonly secrets: NamedSecretsService,
  ) {}

  /** The definition to store: every literal moved into a named secret (in `manager`'s transaction). */
  async move(
    manager: EntityManager,
    flowId: string,
    definition: FlowDefinition,
  ): Promise<FlowDefinition> {
    let changed = false;
    const steps: StepDefinition[] = [];
    for (const step of definition.steps) {
      const declared = this.plugins.getAction(step.action)?.action ?? {};
      let input = step.input;
      const literals = findLiterals(flowId, step, declared);
      const origin = literals.length > 0 ? literalOrigin(step, declared) : undefined;
      if (literals.length > 0 && !origin) throw unbound(step);
      for (const literal of literals) {
        const name = await this.nameFor(manager, literal, [origin!]);
        input = replaceAt(input ?? {}, literal.keys, secretPlaceholder(name));
        changed = true;
      }
      steps.push(input === step.input ? step : { ...step, input });
    }
    return changed ? { ...definition, steps } : definition;
  }

  /** The base name, reused when it holds this value for these origins, else the next free `_2`… */
  private async nameFor(
    manager: EntityManager,
    literal: FoundLiteral,
    hosts: string[],
  ): Promise<string> {
    for (let n = 1; ; n += 1) {
      const name = n === 1 ? literal.baseName : `${literal.baseName}_${n}`;
      const stored = await this.secrets.storedIn(manager, name);
      const same =
        stored?.hosts.length === hosts.length && hosts.every((h) => stored.hosts.includes(h));
      if (stored?.value === literal.value && same) return name;
      if (stored === undefined) {
        const description = 'moved out of a flow definition';
        await this.secrets.store(manager, name, { value: literal.value, description, hosts }, true);
        return name;
      }
    }
  }
}
