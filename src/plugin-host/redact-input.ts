export const REDACTED = '[redacted]';

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container =>
  typeof value === 'object' && value !== null;

/**
 * A copy of `input` with the values at the given dot paths replaced by '[redacted]'. Only the
 * objects on a redacted path are copied (the rest is shared with `input`, which is never
 * changed), and an input with none of the paths comes back as it is.
 */
export function redactInput(input: unknown, paths: readonly string[] = []): unknown {
  let result = input;
  for (const path of paths) result = redactPath(result, path.split('.'));
  return result;
}

function redactPath(node: unknown, [key, ...rest]: string[]): unknown {
  if (!isContainer(node) || !(key in node)) return node;
  const value = (node as Record<string, unknown>)[key];
  const replaced = rest.length === 0 ? REDACTED : redactPath(value, rest);
  if (replaced === value) return node;
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string, unknown>;
  copy[key] = replaced;
  return copy;
}
