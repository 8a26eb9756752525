import {
  compileExpression,
  DEFAULT_EXPRESSION_LIMITS,
  type CompiledExpression,
  type ExpressionLimits,
} from './expressions.js';
import type { FlowDefinition, StepDefinition } from './flow-definition.js';
import { effectiveDedupe } from './verify-presets.js';

export interface CompiledStep {
  readonly definition: StepDefinition;
  readonly index: number;
  readonly map?: CompiledExpression;
  readonly when?: CompiledExpression;
  readonly forEach?: CompiledExpression;
}

export interface CompiledFlow {
  readonly definition: FlowDefinition;
  readonly filter?: CompiledExpression;
  /** The delivery's dedupe key (trigger.dedupe), evaluated at the catch URL. */
  readonly dedupe?: CompiledExpression;
  readonly steps: readonly CompiledStep[];
  step(id: string): CompiledStep | undefined;
}

/** Compiles every expression of a validated flow once (cached per version by the caller). */
export function compileFlow(
  definition: FlowDefinition,
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
): CompiledFlow {
  const compile = (source: string | undefined, path: string) =>
    source === undefined ? undefined : compileExpression(source, path, limits);
  const steps = definition.steps.map((step, index) => ({
    definition: step,
    index,
    map: compile(step.map, `steps[${index}].map`),
    when: compile(step.when, `steps[${index}].when`),
    forEach: compile(step.forEach, `steps[${index}].forEach`),
  }));
  const byId = new Map(steps.map((step) => [step.definition.id, step]));
  return {
    definition,
    filter: compile(definition.trigger.filter, 'trigger.filter'),
    dedupe: compile(
      effectiveDedupe(definition.trigger.dedupe, definition.trigger.verify),
      'trigger.dedupe',
    ),
    steps,
    step: (id) => byId.get(id),
  };
}
