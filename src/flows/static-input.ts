/**
 * Item 4 of issue 16: a step's static `input` is checked against its action's input class when
 * the flow is saved, so `core.delay {"ms": "soon"}` is a 400 instead of a failed run. Only what
 * is present and static is judged: fields the `map` sets (it is deep-merged over `input`) are
 * left to run time, and required fields are judged only when the step has no `map`. Flows
 * already stored are never checked again (this runs on save only).
 */
import type { FlowDefinition, StepDefinition } from '../engine/flow-definition.js';
import { parseAst } from '../engine/expression-references.js';
import {
  fillSecretPlaceholders,
  inputSecretNames,
  isSecretPlaceholder,
  secretMarks,
} from '../engine/secret-references.js';
import type { FlowProblem } from '../engine/validate-flow.js';
import type { InputProblem, PluginRegistry } from '../plugin-host/plugin-registry.js';

/** Top-level fields a map may set: its object's literal keys, or 'any' when it cannot be told. */
export function mapFields(source: string | undefined): Set<string> | 'any' {
  if (source === undefined) return new Set();
  const ast = parseAst(source) as { type?: string; value?: string; lhs?: unknown } | undefined;
  if (ast?.type !== 'unary' || ast.value !== '{' || !Array.isArray(ast.lhs)) return 'any';
  const keys = new Set<string>();
  for (const pair of ast.lhs as unknown[]) {
    const key = Array.isArray(pair) ? (pair[0] as { type?: string; value?: unknown }) : undefined;
    if (key?.type !== 'string' || typeof key.value !== 'string') return 'any';
    keys.add(key.value);
  }
  return keys;
}

/** `body.items[0].sku` -> `body`; `[0]` -> `` (the input as a whole). */
const topField = (path: string): string => /^[^.[]*/.exec(path)?.[0] ?? '';

/** The value at `headers.x[0]` of the static input (a secret's value is not judged). */
function valueAt(input: unknown, path: string): unknown {
  let node = input;
  for (const key of path.split(/[.[\]]+/).filter(Boolean)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The problems of one step's static input that no map could change. */
async function stepProblems(
  plugins: Pick<PluginRegistry, 'validateInput' | 'getAction'>,
  step: StepDefinition,
  index: number,
): Promise<FlowProblem[]> {
  if (!plugins.getAction(step.action) || step.input === undefined) return [];
  const mapped = mapFields(step.map);
  if (mapped === 'any') return [];
  const input = step.input;
  // `{"$secret": NAME}` stands for a string the step gets at run time: judge it as its mark.
  const marked = fillSecretPlaceholders(input, secretMarks(inputSecretNames(input)));
  const check = await plugins.validateInput(step.action, marked as Record<string, unknown>);
  if (check.ok) return [];
  const judged = (problem: InputProblem): boolean => {
    const field = topField(problem.path);
    if (problem.path !== '' && isSecretPlaceholder(valueAt(input, problem.path))) return false;
    if (step.map === undefined) return true;
    return field !== '' && Object.hasOwn(input, field) && !mapped.has(field);
  };
  return check.problems.filter(judged).map((problem) => ({
    path: problem.path ? `steps[${index}].input.${problem.path}` : `steps[${index}].input`,
    message: problem.message,
  }));
}

/** Every step's static input problems, with the step's path (`steps[1].input.ms`). */
export async function staticInputProblems(
  definition: FlowDefinition,
  plugins: Pick<PluginRegistry, 'validateInput' | 'getAction'>,
): Promise<FlowProblem[]> {
  const all = await Promise.all(
    definition.steps.map((step, index) => stepProblems(plugins, step, index)),
  );
  return all.flat();
}
