export const MAX_JSON_DEPTH = 64;
export const MAX_JSON_KEYS = 10_000;

/**
 * ING-1: a parsed JSON body deeper than MAX_JSON_DEPTH or with an object holding more than
 * MAX_JSON_KEYS keys is refused (it would be slow to store and to map, and JSON.stringify
 * of very deep values throws). Walks without recursion. Returns the rule broken, if any.
 */
export function jsonLimitProblem(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH) return `JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    const children = Array.isArray(node) ? node : Object.values(node);
    if (!Array.isArray(node) && children.length > MAX_JSON_KEYS) {
      return `a JSON object in the body has more than ${MAX_JSON_KEYS} keys`;
    }
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}
