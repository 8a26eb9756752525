export const REDACTED = '[redacted]';

/** A copy of `input` with the values at the given dot paths replaced by '[redacted]'. */
export function redactInput(input: unknown, paths: readonly string[] = []): unknown {
  if (paths.length === 0 || typeof input !== 'object' || input === null) return input;
  const copy = structuredClone(input) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    let node: unknown = copy;
    for (const key of keys.slice(0, -1)) {
      node =
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined;
    }
    const last = keys.at(-1)!;
    if (typeof node === 'object' && node !== null && last in node)
      (node as Record<string, unknown>)[last] = REDACTED;
  }
  return copy;
}
