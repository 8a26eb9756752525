export const MAX_JSON_DEPTH = 64;
export const MAX_JSON_KEYS = 10_000;

/**
 * ING-1: a parsed JSON body deeper than MAX_JSON_DEPTH or with an object holding more than
 * MAX_JSON_KEYS keys is refused (it would be slow to store and to map, and JSON.stringify
 * of very deep values throws). A parsed form body is an object too, so its field count is
 * held to MAX_JSON_KEYS as well. Raw bytes (a Buffer) and text are not shapes: they are
 * limited by size alone and never walked. Walks without recursion. Returns the rule broken,
 * if any.
 */
export function jsonLimitProblem(value: unknown): string | undefined {
  // Two parallel stacks (no tuple per node); only objects and arrays are ever pushed.
  const nodes: object[] = [];
  const depths: number[] = [];
  const visit = (node: unknown, depth: number) => {
    if (typeof node === 'object' && node !== null && !ArrayBuffer.isView(node)) {
      nodes.push(node);
      depths.push(depth);
    }
  };
  visit(value, 1);
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > MAX_JSON_DEPTH) return `JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, depth + 1);
      continue;
    }
    let keys = 0;
    for (const key in node) {
      if (++keys > MAX_JSON_KEYS)
        return `a JSON object in the body has more than ${MAX_JSON_KEYS} keys`;
      visit((node as Record<string, unknown>)[key], depth + 1);
    }
  }
  return undefined;
}
