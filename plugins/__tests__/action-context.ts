/** Plugin actions run as the host runs them (input validated by the registry), for plugin specs. */
import type { ActionContext, ActionDefinition } from '@flowhub/plugin-sdk';
import { actionContext } from '@flowhub/plugin-sdk/testing';
import { PluginRegistry } from '../../src/plugin-host/plugin-registry.js';
import { BUILT_IN_PLUGINS } from '../index.js';

export { actionContext };

export const registry = new PluginRegistry(BUILT_IN_PLUGINS);

/** Validates `plain` as the host does (defaults, nested classes, errors). */
export async function validInput<Input = unknown>(
  ref: string,
  plain: Record<string, unknown>,
): Promise<Input> {
  const checked = await registry.validateInput(ref, plain);
  if (!checked.ok) throw new Error(`invalid input: ${JSON.stringify(checked.problems)}`);
  return checked.value as Input;
}

/** Validates `plain` as the host does, then runs the action with the validated input. */
export async function runAction(
  ref: string,
  plain: Record<string, unknown>,
  overrides: Partial<ActionContext> = {},
): Promise<unknown> {
  const input = await validInput(ref, plain);
  const action = registry.getAction(ref)?.action as ActionDefinition<unknown, unknown>;
  return action.run(actionContext(input, overrides));
}
