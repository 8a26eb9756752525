import { referencedSteps } from './expressions.js';
import type { FlowDefinition } from './flow-definition.js';
import type { FlowProblem } from './flow-problem.js';
import { secretPlacementProblems, type DestinationCatalog } from './validate-secrets.js';
import { closest } from './suggest.js';
import { syntaxProblem, triggerProblems } from './validate-trigger.js';

export type { FlowProblem } from './flow-problem.js';

export interface ActionCatalog extends DestinationCatalog {
  actionNames(): string[];
}

const STEP_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const EXPRESSION_FIELDS = ['map', 'when', 'forEach'] as const;

function actionProblem(action: string, path: string, names: string[]): FlowProblem | undefined {
  if (names.includes(action)) return undefined;
  const suggestion = closest(action, names);
  const message = suggestion
    ? `unknown action '${action}' (did you mean ${suggestion}?)`
    : `unknown action '${action}'; available: ${[...names].sort().join(', ')}`;
  return { path, message };
}

function referenceProblems(
  source: string,
  path: string,
  index: number,
  positions: Map<string, number>,
) {
  return referencedSteps(source).flatMap((name): FlowProblem[] => {
    const position = positions.get(name);
    if (position === undefined)
      return [{ path, message: `refers to $steps.${name}, which is not a step of this flow` }];
    if (position >= index) {
      const when = position === index ? 'is this step itself' : 'runs after this step';
      return [{ path, message: `refers to $steps.${name}, which ${when}` }];
    }
    return [];
  });
}

function stepIdProblem(id: string, index: number, positions: Map<string, number>) {
  const path = `steps[${index}].id`;
  const earlier = positions.get(id);
  // Invalid ids still count as steps, so references to them are not reported twice.
  if (earlier === undefined) positions.set(id, index);
  if (!STEP_ID.test(id)) {
    return {
      path,
      message: `'${id}' is not a valid step id: use 1-64 letters, digits, _ or -, starting with a letter`,
    };
  }
  if (earlier !== undefined) {
    return { path, message: `duplicate step id '${id}' (also steps[${earlier}].id)` };
  }
  return undefined;
}

function expressionProblems(definition: FlowDefinition, positions: Map<string, number>) {
  return definition.steps.flatMap((step, index) =>
    EXPRESSION_FIELDS.flatMap((field): FlowProblem[] => {
      const source = step[field];
      if (source === undefined) return [];
      const path = `steps[${index}].${field}`;
      const syntax = syntaxProblem(source, path);
      return syntax ? [syntax] : referenceProblems(source, path, index, positions);
    }),
  );
}

export const MAX_RETENTION_DAYS = 3650;
const RETENTION_FIELDS = ['days', 'keepFailedDays'];

function dayProblem(value: unknown, path: string): FlowProblem | undefined {
  if (value === undefined) return undefined;
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_RETENTION_DAYS)
    return undefined;
  return { path, message: `must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}` };
}

/** `retention: {days, keepFailedDays}`: whole days, failed runs kept at least as long. */
export function retentionProblems(retention: unknown): FlowProblem[] {
  if (retention === undefined) return [];
  if (typeof retention !== 'object' || retention === null || Array.isArray(retention))
    return [{ path: 'retention', message: 'must be an object: {"days": N, "keepFailedDays": M}' }];
  const fields = retention as Record<string, unknown>;
  const problems = Object.keys(fields)
    .filter((key) => !RETENTION_FIELDS.includes(key))
    .map((key) => ({
      path: `retention.${key}`,
      message: 'is not a retention field: use days or keepFailedDays',
    }));
  for (const key of RETENTION_FIELDS) {
    const problem = dayProblem(fields[key], `retention.${key}`);
    if (problem) problems.push(problem);
  }
  const { days, keepFailedDays } = fields;
  if (
    problems.length === 0 &&
    typeof days === 'number' &&
    typeof keepFailedDays === 'number' &&
    keepFailedDays < days
  )
    problems.push({
      path: 'retention.keepFailedDays',
      message: `keeps failed runs longer than the others: use at least days (${days})`,
    });
  return problems;
}

/**
 * The engine's checks on a shape-valid flow: every problem, each with its path (the message
 * never repeats the path). Never throws for a bad flow and never stops at the first problem.
 */
export function validateFlow(definition: FlowDefinition, catalog: ActionCatalog): FlowProblem[] {
  const problems = triggerProblems(definition);
  if (definition.steps.length === 0)
    problems.push({ path: 'steps', message: 'a flow needs at least one step' });
  const names = catalog.actionNames();
  const positions = new Map<string, number>();
  definition.steps.forEach((step, index) => {
    const idProblem = stepIdProblem(step.id, index, positions);
    if (idProblem) problems.push(idProblem);
    const unknown = actionProblem(step.action, `steps[${index}].action`, names);
    if (unknown) problems.push(unknown);
  });
  problems.push(
    ...expressionProblems(definition, positions),
    ...secretPlacementProblems(definition, catalog),
    ...retentionProblems(definition.retention),
  );
  return problems;
}
