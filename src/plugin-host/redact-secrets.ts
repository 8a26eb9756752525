/**
 * What a run record keeps of a step: every named-secret value replaced by `[secret:NAME]`
 * wherever it appears in a string, and credential headers of the action's header maps
 * replaced by `[redacted]` (unless they already name a secret).
 */
import { isCredentialHeader } from '@flowhub/plugin-sdk';
import { secretMark } from '../engine/secret-references.js';
import { REDACTED } from './redact-input.js';

export { secretMark };

/** Longest values first, so a value containing another is replaced whole. */
function replacements(secrets: Record<string, string>): [string, string][] {
  return Object.entries(secrets)
    .filter(([, value]) => value.length > 0)
    .sort(([, a], [, b]) => b.length - a.length)
    .map(([name, value]) => [value, secretMark(name)]);
}

function replaceIn(text: string, pairs: [string, string][]): string {
  let result = text;
  for (const [value, mark] of pairs) {
    if (result.includes(value)) result = result.split(value).join(mark);
  }
  return result;
}

function walk(value: unknown, pairs: [string, string][], depth: number): unknown {
  if (typeof value === 'string') return replaceIn(value, pairs);
  if (typeof value !== 'object' || value === null || depth > 200) return value;
  if (Array.isArray(value)) return value.map((item) => walk(item, pairs, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, walk(item, pairs, depth + 1)]),
  );
}

/** A copy of `value` (plain JSON) with each secret value replaced by `[secret:NAME]`. */
export function redactSecretValues(value: unknown, secrets: Record<string, string>): unknown {
  const pairs = replacements(secrets);
  return pairs.length === 0 ? value : walk(value, pairs, 0);
}

/** A string with each secret value replaced (error messages). */
export function redactSecretText(text: string, secrets: Record<string, string>): string {
  const pairs = replacements(secrets);
  return pairs.length === 0 ? text : replaceIn(text, pairs);
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type IsCredential = (name: string) => boolean;

/**
 * Credential entries of the maps at `paths` (header maps; query maps with their own
 * predicate) shown as `[redacted]`, unless they already show a secret mark.
 */
export function redactCredentialHeaders(
  input: unknown,
  paths: readonly string[],
  isCredential: IsCredential = isCredentialHeader,
): unknown {
  if (!isMap(input) || paths.length === 0) return input;
  let result: Record<string, unknown> = input;
  for (const path of paths) {
    const keys = path.split('.');
    const redacted = redactAt(result, keys, isCredential);
    if (redacted !== undefined) result = redacted as Record<string, unknown>;
  }
  return result;
}

function redactAt(node: unknown, [key, ...rest]: string[], isCredential: IsCredential): unknown {
  if (!isMap(node) || !(key in node)) return undefined;
  const child =
    rest.length === 0
      ? redactEntries(node[key], isCredential)
      : redactAt(node[key], rest, isCredential);
  return child === undefined ? undefined : { ...node, [key]: child };
}

function redactEntries(entries: unknown, isCredential: IsCredential): unknown {
  if (!isMap(entries)) return undefined;
  const redacted = Object.entries(entries).map(([name, value]) => {
    const marked = typeof value === 'string' && value.includes('[secret:');
    return [name, isCredential(name) && !marked ? REDACTED : value];
  });
  return Object.fromEntries(redacted);
}
