/**
 * The input an action gets when its step names secrets: the step's input resolved a second
 * time, with the secret values. Nothing of it is recorded (the run record keeps the input
 * resolved with `[secret:NAME]` marks), and its errors are not shown, since they may hold
 * the values.
 */
import type { CompiledStep } from '../engine/compiled-flow.js';
import { resolveStepInput, type ForEachItem, type StepScope } from '../engine/resolve-input.js';
import { FatalError } from '../engine/step-errors.js';
import type { PluginRegistry } from './plugin-registry.js';
import { derivedStrings } from './secret-egress.js';

const MAP_FAILED =
  'the map failed once the secret values were filled in; its error is not shown because it may hold them (with the secrets as [secret:NAME] marks it succeeds): check how the map uses $secrets';
const INPUT_INVALID =
  'is invalid once the secret values are filled in; the problems are not shown because they may hold them: check how the map uses $secrets';

/**
 * The input with the secret values; strings derived from them (differing from `shown` at the
 * same place) are added to `revealed`, so outputs and errors are redacted of them too.
 */
export async function callInput(
  step: CompiledStep,
  callScope: StepScope,
  shown: unknown,
  item: ForEachItem | undefined,
  revealed: Record<string, string> = {},
): Promise<unknown> {
  let real: unknown;
  try {
    real = await resolveStepInput(step, callScope, item);
  } catch {
    throw new FatalError(MAP_FAILED);
  }
  for (const value of derivedStrings(real, shown))
    revealed[`derived:${Object.keys(revealed).length + 1}`] = value;
  return real;
}

/**
 * The validated input. When the input with secrets is invalid, the problems shown are those
 * of the recorded input, or none if only the values make it invalid.
 */
export async function validateCallInput(
  plugins: Pick<PluginRegistry, 'validateInput'>,
  action: string,
  raw: unknown,
  shown: unknown,
): Promise<unknown> {
  const validated = await plugins.validateInput(action, raw as Record<string, unknown>);
  if (validated.ok) return validated.value;
  const checked =
    raw === shown
      ? validated
      : await plugins.validateInput(action, shown as Record<string, unknown>);
  if (checked.ok) throw new FatalError(`input for ${action} ${INPUT_INVALID}`);
  const problems = checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  throw new FatalError(`input for ${action} is invalid: ${problems}`);
}
