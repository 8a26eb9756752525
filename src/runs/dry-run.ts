import { referencedSteps } from '../engine/expression-references.js';
import type { StepDefinition } from '../engine/flow-definition.js';
import type { FoundAction } from '../plugin-host/plugin-registry.js';

/**
 * Dry-run: a side-effect action is not called. Its step is recorded as skipped (reason
 * dry-run) with the input as resolved, and the action's sampleOutput when it declares one.
 */

const toJson = (value: unknown): unknown =>
  value === undefined ? null : JSON.parse(JSON.stringify(value));

/** What invoke answers for a side-effect action in dry-run: not called, maybe a sample. */
export class DryRunSkip {
  constructor(
    readonly sample: boolean,
    readonly output: unknown,
  ) {}
}

/** The declared sampleOutput of a side-effect action (a value, or made from the input). */
export function dryRunOutput(found: FoundAction, input: unknown): DryRunSkip {
  const { sampleOutput } = found.action;
  if (sampleOutput === undefined) return new DryRunSkip(false, null);
  const made = typeof sampleOutput === 'function' ? sampleOutput(input) : sampleOutput;
  return new DryRunSkip(true, toJson(made));
}

/** A step skipped in dry-run: its input as resolved, its sample output(s) if declared. */
export function dryRunSkipped(input: unknown, skips: DryRunSkip[], forEach = false) {
  const sample = skips.every((skip) => skip.sample);
  const outputs = skips.map((skip) => (sample ? skip.output : null));
  return {
    kind: 'skipped' as const,
    reason: 'dry-run' as const,
    input,
    output: sample ? (forEach ? outputs : outputs[0]) : null,
    sample,
  };
}

/** The step ids a step's expressions read as $steps.<id>, once per (cached) definition. */
const referencesOf = new WeakMap<StepDefinition, string[]>();
function stepReferences(step: StepDefinition): string[] {
  let found = referencesOf.get(step);
  if (!found) {
    const sources = [step.when, step.forEach, step.map].filter((s) => typeof s === 'string');
    found = [...new Set(sources.flatMap((source) => referencedSteps(source)))];
    referencesOf.set(step, found);
  }
  return found;
}

/**
 * A dry-run step that reads the output of an earlier step skipped in dry-run (without a
 * sampleOutput) reads nothing: its record says so, so a field that vanished is explained.
 */
export function dryRunWarnings(step: StepDefinition, skipped: Set<string>): string[] {
  if (skipped.size === 0) return [];
  return stepReferences(step)
    .filter((id) => skipped.has(id))
    .map((id) => `steps.${id} is empty: step '${id}' was skipped in dry-run`);
}
