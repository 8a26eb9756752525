/**
 * Named secrets in a flow: `$secrets.NAME` in expressions, `{"$secret": "NAME"}` in a step's
 * static input. Found here so the worker loads only what a step names and the save checks
 * that each exists; the values themselves never enter the engine's definitions.
 */
import jsonata from 'jsonata';
import type { StepDefinition } from './flow-definition.js';
import { isPlainObject } from './plain-json.js';
import { FatalError } from './step-errors.js';

/** The static form, usable anywhere in `input`: replaced by the secret's value at run time. */
export const SECRET_KEY = '$secret';

export interface SecretPlaceholder {
  [SECRET_KEY]: string;
}

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  lhs?: unknown;
  expressions?: AstNode[];
}

export function isSecretPlaceholder(value: unknown): value is SecretPlaceholder {
  return (
    isPlainObject(value) && Object.keys(value).length === 1 && typeof value[SECRET_KEY] === 'string'
  );
}

export const secretPlaceholder = (name: string): SecretPlaceholder => ({ [SECRET_KEY]: name });

function walk(root: unknown, visit: (node: AstNode) => void): void {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node)) visit(node as AstNode);
    pending.push(...Object.values(node));
  }
}

/** `$secrets.NAME`, `$secrets.'NAME'`, `$secrets.\`NAME\`` in an expression (parsed tree). */
export function referencedSecrets(source: string): string[] {
  let ast: unknown;
  try {
    ast = jsonata(source).ast();
  } catch {
    return [];
  }
  const found = new Set<string>();
  walk(ast, (node) => {
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
  try {
    walk(jsonata(source).ast(), (node) => {
      if (node.type === 'variable' && node.value === 'secrets') used = true;
    });
  } catch {
    return false;
  }
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

/** Every secret a step names, in its expressions and its static input. */
export function stepSecretNames(step: StepDefinition): string[] {
  const found = new Set<string>();
  for (const source of [step.map, step.when, step.forEach]) {
    if (source !== undefined) referencedSecrets(source).forEach((name) => found.add(name));
  }
  placeholderNames(step.input, found);
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

/** The value nodes an expression builds at `keys` (nested object constructors; a block's last). */
function valuesAt(node: AstNode | undefined, keys: string[]): AstNode[] {
  if (!node) return [];
  if (node.type === 'block') return valuesAt(node.expressions?.at(-1), keys);
  if (keys.length === 0) return [node];
  if (node.type !== 'unary' || node.value !== '{' || !Array.isArray(node.lhs)) return [];
  return (node.lhs as [AstNode, AstNode][]).flatMap(([key, value]) =>
    key?.type === 'string' && key.value === keys[0] ? valuesAt(value, keys.slice(1)) : [],
  );
}

/** An auth scheme word alone ('Bearer ', 'Basic ') is not a credential. */
const SCHEME_ONLY = /^\s*(bearer|basic|token|bot|digest|apikey|key)?\s*$/i;

function holdsLiteral(node: AstNode): boolean {
  let found = false;
  walk(node, (child) => {
    if (child.type === 'string' && !SCHEME_ONLY.test(String(child.value))) found = true;
  });
  return found;
}

/**
 * Where a `map` expression writes a credential from a string literal: at a secret input path
 * (`sign.secret`) or a credential header of a header map (`headers.Authorization`). Such a
 * literal would sit in clear in the stored flow, so the save refuses it.
 */
export function literalCredentials(
  source: string,
  declared: { secretInputs?: string[]; credentialHeaderInputs?: string[] },
  isCredentialHeader: (name: string) => boolean,
): string[] {
  let ast: AstNode;
  try {
    ast = jsonata(source).ast() as AstNode;
  } catch {
    return [];
  }
  const found = (declared.secretInputs ?? []).filter((path) =>
    valuesAt(ast, path.split('.')).some(holdsLiteral),
  );
  for (const path of declared.credentialHeaderInputs ?? []) {
    for (const map of valuesAt(ast, path.split('.'))) {
      if (map.type !== 'unary' || map.value !== '{' || !Array.isArray(map.lhs)) continue;
      for (const [key, value] of map.lhs as [AstNode, AstNode][]) {
        const name = String(key?.value);
        if (key?.type === 'string' && isCredentialHeader(name) && holdsLiteral(value))
          found.push(`${path}.${name}`);
      }
    }
  }
  return found;
}
