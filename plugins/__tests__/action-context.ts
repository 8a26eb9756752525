/** A plugin action context as the host builds it, for plugin specs. */
import type {
  ActionContext,
  ActionDefinition,
  HttpClient,
  SleepRequest,
} from '../../src/plugin-sdk/index.js';
import { PluginRegistry } from '../../src/plugin-host/plugin-registry.js';
import { BUILT_IN_PLUGINS } from '../index.js';

export const registry = new PluginRegistry(BUILT_IN_PLUGINS);

const noHttp: HttpClient = {
  request: () => Promise.reject(new Error('this action must not call http')),
};

export function actionContext<Input>(
  input: Input,
  overrides: Partial<ActionContext<Input>> = {},
): ActionContext<Input> {
  return {
    input,
    http: noHttp,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    idempotencyKey: 'run-1:step-1',
    signal: new AbortController().signal,
    run: { id: 'run-1', flowId: 'flow-1', flowVersion: 1, stepId: 'step-1', attempt: 1 },
    sleepUntil: (until: Date): SleepRequest => ({ sleepUntil: until }),
    ...overrides,
  };
}

/** Validates `plain` as the host does, then runs the action with the validated input. */
export async function runAction(
  ref: string,
  plain: Record<string, unknown>,
  overrides: Partial<ActionContext> = {},
): Promise<unknown> {
  const checked = await registry.validateInput(ref, plain);
  if (!checked.ok) throw new Error(`invalid input: ${JSON.stringify(checked.problems)}`);
  const action = registry.getAction(ref)?.action as ActionDefinition<unknown, unknown>;
  return action.run(actionContext(checked.value, overrides));
}
