import jsonata from 'jsonata';

/** What the JSONata parser returns (`expr.ast()`); only the fields read here are typed. */
export interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  lhs?: unknown;
  rhs?: AstNode;
  expressions?: AstNode[];
}

/** The parsed tree of an expression, or undefined when it does not compile. */
export function parseAst(source: string): unknown {
  try {
    return jsonata(source).ast();
  } catch {
    return undefined;
  }
}

/** Calls `visit` on every node of the tree once (the parser may share nodes between parents). */
export function walk(root: unknown, visit: (node: AstNode) => void): void {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      pending.push(...(node as unknown[]));
      continue;
    }
    visit(node as AstNode);
    pending.push(...Object.values(node));
  }
}

const isVariable = (node: AstNode | undefined, name: string) =>
  node?.type === 'variable' && node.value === name;

/**
 * The step ids an expression reads as `$steps.<id>`, `$steps.'<id>'` or `$steps.\`<id>\``,
 * found in the parsed tree (so `$trigger.body.steps.x`, strings and comments never count).
 * Best effort: dynamic access such as `$lookup($steps, name)` is not seen. A source that does
 * not compile has no references.
 */
export function referencedSteps(source: string): string[] {
  const found = new Set<string>();
  walk(parseAst(source), (node) => {
    if (node.type !== 'path' || !Array.isArray(node.steps)) return;
    node.steps.forEach((step, index) => {
      const next = node.steps?.[index + 1];
      const named = next?.type === 'name' || next?.type === 'string';
      if (isVariable(step, 'steps') && named) found.add(String(next.value));
    });
  });
  return [...found];
}

/** Whether the expression mentions `$<name>` at all (e.g. `$count($steps)`). */
export function usesVariable(source: string, name: string): boolean {
  let used = false;
  walk(parseAst(source), (node) => {
    if (isVariable(node, name)) used = true;
  });
  return used;
}
