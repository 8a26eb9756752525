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
import { derivedFrom } from './secret-egress.js';

const MAP_FAILED =
  'the map failed once the secret values were filled in; its error is not shown because it may hold them (with the secrets as [secret:NAME] marks it succeeds): check how the map uses $secrets';
export const UNREDACTABLE =
  'the input holds a value derived from a secret that could not be redacted from the run record (a piece of under 8 characters, a true/false, a key or a list of pieces): nothing was sent; send the secret whole, or a part of 8 characters or more';
const INPUT_INVALID =
  'is invalid once the secret values are filled in; the problems are not shown because they may hold them: check how the map uses $secrets';

/**
 * The input with the secret values; strings derived from them (differing from `shown` at the
 * same place) are added to `revealed`, so outputs and errors are redacted of them too (a
 * receiver may echo what it got). Anything derived that could not be redacted (a short
 * piece, a true/false, a list of pieces) is flagged: the caller refuses the step (after the
 * destination check) before it sends (UNREDACTABLE).
 */
export async function callInput(
  step: CompiledStep,
  callScope: StepScope,
  shown: unknown,
  item: ForEachItem | undefined,
  revealed: Record<string, string> = {},
): Promise<{ real: unknown; unredactable: boolean }> {
  let real: unknown;
  try {
    real = await resolveStepInput(step, callScope, item);
  } catch {
    throw new FatalError(MAP_FAILED);
  }
  const derived = derivedFrom(real, shown);
  // A string holding a whole value ('Token ' & $secrets.X) is redacted as `Token [secret:X]`.
  const whole = Object.values(revealed).filter((value) => value.length > 0);
  let count = Object.keys(revealed).filter((name) => name.startsWith('derived:')).length;
  for (const value of derived.strings.filter((text) => !whole.some((v) => text.includes(v))))
    revealed[`derived:${(count += 1)}`] = value;
  return { real, unredactable: derived.unredactable };
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
