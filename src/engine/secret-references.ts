/**
 * Named secrets in a flow: `$secrets.NAME` in expressions, `{"$secret": "NAME"}` in a step's
 * static input. Found here so the worker loads only what a step names and the save checks
 * that each exists; the values themselves never enter the engine's definitions.
 */
import { parseAst, walk, type AstNode } from './expression-references.js';
import type { StepDefinition } from './flow-definition.js';
import { isPlainObject } from './plain-json.js';
import { FatalError } from './step-errors.js';

export { literalCredentials, type CredentialDeclarations } from './literal-credentials.js';

/** The static form, usable anywhere in `input`: replaced by the secret's value at run time. */
export const SECRET_KEY = '$secret';

export interface SecretPlaceholder {
  [SECRET_KEY]: string;
}

/** What a run record shows in place of a secret's value. */
export const secretMark = (name: string) => `[secret:${name}]`;

export function isSecretPlaceholder(value: unknown): value is SecretPlaceholder {
  return (
    isPlainObject(value) && Object.keys(value).length === 1 && typeof value[SECRET_KEY] === 'string'
  );
}

export const secretPlaceholder = (name: string): SecretPlaceholder => ({ [SECRET_KEY]: name });

/** `$secrets` bound to marks instead of values: what the run record is resolved with. */
export function secretMarks(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, secretMark(name)]));
}

/** `$secrets.NAME`, `$secrets.'NAME'`, `$secrets.\`NAME\`` in an expression (parsed tree). */
export function referencedSecrets(source: string): string[] {
  const found = new Set<string>();
  walk(parseAst(source), (node) => {
    if (node.type !== 'path' || !Array.isArray(node.steps)) return;
    node.steps.forEach((step, index) => {
      const next = node.steps?.[index + 1];
      const named = next?.type === 'name' || next?.type === 'string';
      if (step?.type === 'variable' && step.value === 'secrets' && named)
        found.add(String(next.value));
    });
  });
  return [...found];
}

/** Whether an expression uses `$secrets` at all (e.g. `$lookup($secrets, x)`). */
export function usesSecrets(source: string): boolean {
  let used = false;
  walk(parseAst(source), (node: AstNode) => {
    if (node.type === 'variable' && node.value === 'secrets') used = true;
  });
  return used;
}

function placeholderNames(value: unknown, found: Set<string>, depth = 0): void {
  if (depth > 200 || typeof value !== 'object' || value === null) return;
  if (isSecretPlaceholder(value)) {
    found.add(value[SECRET_KEY]);
    return;
  }
  for (const child of Object.values(value)) placeholderNames(child, found, depth + 1);
}

/** The secrets named by `{"$secret": NAME}` in a static input. */
export function inputSecretNames(input: unknown): string[] {
  const found = new Set<string>();
  placeholderNames(input, found);
  return [...found].sort();
}

/** Every secret a step names, in its expressions and its static input. */
export function stepSecretNames(step: StepDefinition): string[] {
  const found = new Set<string>(inputSecretNames(step.input));
  for (const source of [step.map, step.when, step.forEach]) {
    if (source !== undefined) referencedSecrets(source).forEach((name) => found.add(name));
  }
  return [...found].sort();
}

/** A copy of `value` with each `{"$secret": NAME}` replaced by the secret's value. */
export function fillSecretPlaceholders(value: unknown, secrets: Record<string, string>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isSecretPlaceholder(value)) {
    const name = value[SECRET_KEY];
    if (!Object.hasOwn(secrets, name))
      throw new FatalError(`secret '${name}' is not available to this step`);
    return secrets[name];
  }
  if (Array.isArray(value)) return value.map((item) => fillSecretPlaceholders(item, secrets));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, fillSecretPlaceholders(item, secrets)]),
  );
}
