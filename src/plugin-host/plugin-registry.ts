import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../common/validation-errors.js';
import type { ActionDefinition, PluginDefinition } from '../plugin-sdk/index.js';

export interface FoundAction {
  plugin: PluginDefinition;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  action: ActionDefinition<any, any>;
}

export type InputCheck =
  { ok: true; value: unknown } | { ok: false; problems: { path: string; message: string }[] };

const PLUGIN_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ACTION_NAME = /^[a-z][A-Za-z0-9]*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

function pluginProblems(plugin: PluginDefinition, seen: Set<string>): string[] {
  const label = `plugin '${plugin.name}'`;
  const problems: string[] = [];
  if (!PLUGIN_NAME.test(plugin.name ?? ''))
    problems.push(`${label}: name must be kebab-case (e.g. zoho-crm)`);
  if (seen.has(plugin.name)) problems.push(`${label}: another plugin already has this name`);
  if (!SEMVER.test(plugin.version ?? ''))
    problems.push(`${label}: version '${plugin.version}' is not semver (e.g. 1.0.0)`);
  for (const [name, action] of Object.entries(plugin.actions ?? {})) {
    if (!ACTION_NAME.test(name))
      problems.push(`${label}: action '${name}' must be camelCase (e.g. createDeal)`);
    if (typeof action.input !== 'function')
      problems.push(`${label}: action '${name}' needs an input class`);
    if (typeof action.sideEffects !== 'boolean')
      problems.push(`${label}: action '${name}' must say whether it has sideEffects`);
    if (typeof action.run !== 'function')
      problems.push(`${label}: action '${name}' needs a run function`);
  }
  return problems;
}

/** The plugins of this Flowhub, checked once at boot, and the input check of every step. */
export class PluginRegistry {
  private readonly list: PluginDefinition[];
  private readonly actions = new Map<string, FoundAction>();

  constructor(plugins: PluginDefinition[]) {
    const seen = new Set<string>();
    const problems = plugins.flatMap((plugin) => {
      const found = pluginProblems(plugin, seen);
      seen.add(plugin.name);
      return found;
    });
    if (problems.length > 0) throw new Error(`Invalid plugins:\n  - ${problems.join('\n  - ')}`);
    this.list = plugins;
    for (const plugin of plugins) {
      for (const [name, action] of Object.entries(plugin.actions)) {
        this.actions.set(`${plugin.name}.${name}`, { plugin, name, action });
      }
    }
  }

  plugins(): PluginDefinition[] {
    return this.list;
  }

  actionNames(): string[] {
    return [...this.actions.keys()];
  }

  getAction(ref: string): FoundAction | undefined {
    return this.actions.get(ref);
  }

  /** Validates mapped input against the action's class; paths like `body.items[0].sku`. */
  async validateInput(ref: string, plain: Record<string, unknown>): Promise<InputCheck> {
    const found = this.actions.get(ref);
    if (!found) return { ok: false, problems: [{ path: '', message: `unknown action '${ref}'` }] };
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
      return { ok: false, problems: [{ path: '', message: 'input must be an object' }] };
    }
    const instance = plainToInstance(found.action.input, plain) as object;
    const strict = !found.action.allowUnknownInput;
    const errors = await validate(instance, {
      whitelist: strict,
      forbidNonWhitelisted: strict,
      forbidUnknownValues: false,
    });
    if (errors.length > 0) return { ok: false, problems: flattenValidationErrors(errors) };
    return { ok: true, value: strict ? instance : { ...plain } };
  }
}
