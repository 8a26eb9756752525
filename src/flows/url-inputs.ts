/**
 * SEC-3: a static URL that the egress guard would refuse is a 400 when the flow is saved, for
 * every input an action declares as a URL (`inputFields: { <path>: { url: true } }`) and the
 * URL it names as its destination (`destinationInput`), whatever the plugin.
 */
import { urlInputs, valueAtPath, type ActionDefinition } from '@flowhub/plugin-sdk';
import { checkUrl, type EgressPolicy } from '../common/egress/egress-policy.js';
import type { FlowDefinition } from '../engine/flow-definition.js';
import type { FlowProblem } from '../engine/validate-flow.js';

/** The dot paths of the inputs `action` sends requests to. */
export function urlInputPaths(action: ActionDefinition): string[] {
  const paths = urlInputs(action);
  if (action.destinationInput) paths.push(action.destinationInput);
  return [...new Set(paths)];
}

export function urlInputProblems(
  definition: FlowDefinition,
  actionOf: (name: string) => ActionDefinition | undefined,
  policy: EgressPolicy,
): FlowProblem[] {
  return definition.steps.flatMap((step, index) => {
    const action = actionOf(step.action);
    if (!action) return []; // reported as an unknown action
    return urlInputPaths(action).flatMap((path) => {
      const url = valueAtPath(step.input, path);
      const problem = typeof url === 'string' ? checkUrl(url, policy) : undefined;
      return problem ? [{ path: `steps[${index}].input.${path}`, message: problem }] : [];
    });
  });
}
