/**
 * Decides, once per compiled expression, whether it may run on the caller's event loop or must
 * run in the isolated worker pool (docs/adr/0004-expression-isolation.md).
 *
 * In-process: paths, literals, operators, object/array constructors, conditions, variables
 * and calls to the built-ins below, whose cost is bounded by their input and checked between
 * evaluation steps by JSONata's guardrails. Everything else is isolated: regular expressions
 * (one call can backtrack for ever), function definitions (recursion can build strings
 * exponentially), ranges, partial application, higher-order and unbounded built-ins ($pad,
 * $split, $replace, $match, $eval, ...).
 */
export const IN_PROCESS_FUNCTIONS: ReadonlySet<string> = new Set([
  'string',
  'number',
  'boolean',
  'not',
  'exists',
  'type',
  'count',
  'sum',
  'max',
  'min',
  'average',
  'length',
  'substring',
  'substringBefore',
  'substringAfter',
  'uppercase',
  'lowercase',
  'trim',
  'contains', // only with a string: a regex literal isolates the whole expression
  'join',
  'keys',
  'lookup',
  'merge',
  'spread',
  'append',
  'reverse',
  'distinct',
  'sort',
  'zip',
  'shuffle',
  'clone',
  'round',
  'floor',
  'ceil',
  'abs',
  'sqrt',
  'power',
  'random',
  'formatNumber',
  'formatBase',
  'now',
  'millis',
  'fromMillis',
  'toMillis',
  'base64encode',
  'base64decode',
  'encodeUrl',
  'encodeUrlComponent',
  'decodeUrl',
  'decodeUrlComponent',
  'error',
  'assert',
]);

/** JSONata's other built-ins: referenced as values (`$x := $pad`), they isolate too. */
const OTHER_BUILTINS = new Set(
  ['pad match replace split formatInteger parseInteger map filter single reduce sift', 'each eval']
    .join(' ')
    .split(' '),
);

interface AstNode {
  type?: unknown;
  value?: unknown;
  procedure?: AstNode;
}

const ISOLATED_NODES: Record<string, string> = {
  regex: 'a regular expression',
  lambda: 'a function definition',
  partial: 'a partial function application',
};

function reasonOf(node: AstNode): string | undefined {
  const type = String(node.type);
  if (ISOLATED_NODES[type]) return ISOLATED_NODES[type];
  if (type === 'binary' && node.value === '..') return 'a range';
  if (type === 'function') {
    const procedure = node.procedure;
    const name = procedure?.type === 'variable' ? String(procedure.value) : undefined;
    if (name === undefined || !IN_PROCESS_FUNCTIONS.has(name)) {
      return `a call to ${name === undefined ? 'a computed function' : `$${name}`}`;
    }
  }
  if (type === 'variable' && OTHER_BUILTINS.has(String(node.value))) {
    return `a reference to $${String(node.value)}`;
  }
  return undefined;
}

/**
 * Why the expression must run isolated (e.g. `a regular expression`), or undefined when its
 * cost is bounded by its input. Walks every node of JSONata's AST (`expression.ast()`).
 */
export function isolationReason(ast: unknown): string | undefined {
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || node instanceof RegExp) continue;
    if (!Array.isArray(node)) {
      const reason = reasonOf(node as AstNode);
      if (reason) return reason;
    }
    // Reversed onto the stack: the first reason in reading order is the one reported.
    for (const child of Object.values(node).reverse()) {
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return undefined;
}
