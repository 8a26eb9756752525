import type { CompiledFlow, CompiledStep } from './compiled-flow.js';
import { ExpressionError, type CompiledExpression } from './expressions.js';
import type { RunData, TriggerData } from './flow-definition.js';
import { isPlainObject, jsonTypeOf } from './plain-json.js';
import { fillSecretPlaceholders } from './secret-references.js';

export interface StepScope {
  trigger: TriggerData;
  steps: Record<string, unknown>;
  run: RunData;
  /**
   * The named secrets this step names (`$secrets.NAME`, `{"$secret": NAME}`), decrypted by
   * the worker for this attempt only; absent in the trigger's filter and dedupe.
   */
  secrets?: Record<string, string>;
}

export interface ForEachItem {
  item: unknown;
  index: number;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `got undefined` alone puzzles people: say that the expression matched nothing. */
const kindOf = (value: unknown) =>
  value === undefined ? 'undefined (the expression matched nothing)' : jsonTypeOf(value);

/** `$trigger`, `$steps`, `$run`, `$secrets`, and inside forEach `$item` and `$index`. */
export function expressionBindings(scope: StepScope, item?: ForEachItem): Record<string, unknown> {
  const bindings: Record<string, unknown> = {
    trigger: scope.trigger,
    steps: scope.steps,
    run: scope.run,
    secrets: scope.secrets ?? {},
  };
  if (item) Object.assign(bindings, { item: item.item, index: item.index });
  return bindings;
}

/**
 * Objects merge key by key (recursively); arrays and other values from `override` replace.
 * The result shares nothing with the inputs, which are never changed; `__proto__`,
 * `constructor` and `prototype` keys are dropped at every level of merged objects.
 */
export function deepMerge(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const source of [base, override]) {
    for (const [key, value] of Object.entries(source)) {
      if (UNSAFE_KEYS.has(key)) continue;
      const existing = merged[key];
      if (isPlainObject(value)) {
        merged[key] = deepMerge(isPlainObject(existing) ? existing : {}, value);
      } else {
        // Primitives are immutable: only arrays (and other objects) need a copy.
        merged[key] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
      }
    }
  }
  return merged;
}

async function booleanOf(expression: CompiledExpression, scope: StepScope): Promise<boolean> {
  const result = await expression.evaluate(scope.trigger.body, expressionBindings(scope));
  if (typeof result !== 'boolean') {
    throw new ExpressionError(expression.path, `must return true or false, got ${kindOf(result)}`);
  }
  return result;
}

export async function passesFilter(flow: CompiledFlow, scope: StepScope): Promise<boolean> {
  return flow.filter ? booleanOf(flow.filter, scope) : true;
}

export async function shouldRunStep(step: CompiledStep, scope: StepScope): Promise<boolean> {
  return step.when ? booleanOf(step.when, scope) : true;
}

/** forEach items; JSONata gives a bare value for a one-item sequence, so wrap it. */
export async function resolveItems(
  step: CompiledStep,
  scope: StepScope,
): Promise<unknown[] | undefined> {
  if (!step.forEach) return undefined;
  const result = await step.forEach.evaluate(scope.trigger.body, expressionBindings(scope));
  if (result === undefined || result === null) return [];
  return Array.isArray(result) ? result : [result];
}

/** The step's input: static `input` deep-merged with what `map` returns. */
export async function resolveStepInput(
  step: CompiledStep,
  scope: StepScope,
  item?: ForEachItem,
): Promise<Record<string, unknown>> {
  const input = step.definition.input ?? {};
  const base = scope.secrets
    ? (fillSecretPlaceholders(input, scope.secrets) as Record<string, unknown>)
    : input;
  if (!step.map) return deepMerge({}, base);
  const mapped = await step.map.evaluate(scope.trigger.body, expressionBindings(scope, item));
  if (mapped === undefined) return deepMerge({}, base);
  if (!isPlainObject(mapped))
    throw new ExpressionError(step.map.path, `must return an object, got ${kindOf(mapped)}`);
  return deepMerge(base, mapped);
}
