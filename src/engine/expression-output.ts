/**
 * Output bounds for in-process evaluation. JSONata's guardrails run between evaluation steps,
 * so one step that builds a string from many references to the same value (`$string(items.($$))`)
 * would allocate it all at once; these checks measure first. The worker pool runs the same
 * checks in its own thread (expression-worker-source.ts).
 */

/** Characters an expression result (or a $string/$join output) may take: 32 Mi. */
export const MAX_EXPRESSION_OUTPUT = 32 * 1024 * 1024;

export interface OutputLimitFailure {
  code: 'FLOWHUB_OUTPUT' | 'FLOWHUB_RESULT';
  token?: string;
  value: number;
  limit: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Characters `value` takes as JSON, shared values counted each time (as a copy or a
 * serialisation pays them); stops counting once past `budget`.
 */
export function measureOutput(root: unknown, budget: number): number {
  let size = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && size <= budget) {
    const value = stack.pop();
    if (typeof value === 'string') size += value.length + 2;
    else if (Array.isArray(value)) {
      size += value.length + 2;
      for (const item of value) stack.push(item);
    } else if (isObject(value)) {
      for (const key of Object.keys(value)) {
        size += key.length + 4;
        stack.push(value[key]);
      }
    } else size += 8;
  }
  return size;
}

interface Registrar {
  registerFunction(
    name: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSONata's own signature
    implementation: (this: any, ...args: any[]) => unknown,
    signature?: string,
  ): void;
}

type Builtin = (...args: unknown[]) => unknown;

/** $string and $join that refuse to build more than `limit` characters. */
export function guardOutput(
  expression: Registrar,
  builtins: { string: Builtin; join: Builtin },
  limit: number,
): void {
  const refuse = (token: string, value: number): OutputLimitFailure => ({
    code: 'FLOWHUB_OUTPUT',
    token,
    value,
    limit,
  });
  expression.registerFunction(
    'string',
    function (this: unknown, arg: unknown, prettify: unknown) {
      const size = typeof arg === 'string' ? arg.length : measureOutput(arg, limit);
      if (size > limit) throw refuse('string', size);
      return builtins.string.call(this, arg, prettify);
    },
    '<x-b?:s>',
  );
  expression.registerFunction(
    'join',
    function (this: unknown, strs: unknown, separator: unknown) {
      const parts = Array.isArray(strs) ? strs : [strs];
      const gaps =
        Math.max(parts.length - 1, 0) * (typeof separator === 'string' ? separator.length : 0);
      const size = measureOutput(parts, limit) + gaps;
      if (size > limit) throw refuse('join', size);
      return builtins.join.call(this, strs, separator);
    },
    '<a<s>s?:s>',
  );
}
