/**
 * Where a flow may use named secrets (`$secrets.NAME`, `{"$secret": NAME}`): only in the `map`
 * and `input` of a step whose action declares where it sends data (`destinationInput`, e.g.
 * http.request's url), so that a secret can only leave Flowhub towards the origins it is bound
 * to. Never in `when` or `forEach` (their result shows in the run record and would reveal a
 * secret bit by bit), nor in the trigger's filter or dedupe (they run at the catch URL).
 */
import type { FlowDefinition } from './flow-definition.js';
import { inputSecretNames, usesSecrets } from './secret-references.js';

export interface FlowProblem {
  path: string;
  message: string;
}

/** What the checks need to know of an action: whether it declares its destination. */
export interface DestinationCatalog {
  getAction?(name: string): { action: { destinationInput?: string } } | undefined;
}

const WHERE = 'use $secrets only in the map or input of an http.request step';

function triggerProblems(definition: FlowDefinition): FlowProblem[] {
  const { filter, dedupe } = definition.trigger;
  const sources: [string, unknown][] = [
    ['trigger.filter', filter],
    ['trigger.dedupe', dedupe],
  ];
  return sources.flatMap(([path, source]) =>
    typeof source === 'string' && usesSecrets(source)
      ? [{ path, message: `$secrets is not available at the catch URL: ${WHERE}` }]
      : [],
  );
}

export function secretPlacementProblems(
  definition: FlowDefinition,
  catalog: DestinationCatalog,
): FlowProblem[] {
  const problems = triggerProblems(definition);
  definition.steps.forEach((step, index) => {
    for (const field of ['when', 'forEach'] as const) {
      const source = step[field];
      if (typeof source === 'string' && usesSecrets(source)) {
        problems.push({
          path: `steps[${index}].${field}`,
          message: `cannot use $secrets: what ${field} returns decides what the run record shows, so it would reveal the secret; ${WHERE}`,
        });
      }
    }
    const uses =
      (typeof step.map === 'string' && usesSecrets(step.map)) ||
      inputSecretNames(step.input).length > 0;
    const found = catalog.getAction?.(step.action);
    if (uses && found && !found.action.destinationInput) {
      problems.push({
        path: `steps[${index}]`,
        message: `${step.action} cannot use secrets: it does not say where it sends data, and a secret may only go to the origins it is bound to; ${WHERE}`,
      });
    }
  });
  return problems;
}
