/**
 * The plugins of this Flowhub: checked once at boot (throws listing every problem), looked up
 * by `plugin.action`, and the input check every step runs after mapping. No Nest here.
 */
import { plainToInstance } from 'class-transformer';
import { validate, type ValidatorOptions } from 'class-validator';
import { flattenValidationErrors } from '../common/validation-errors.js';
import type { ActionDefinition, PluginDefinition } from '@flowhub/plugin-sdk';
import { pluginListProblems } from './plugin-checks.js';
import { schemaNameClashes } from './schema-names.js';

export interface InputProblem {
  /** Where in the input, e.g. `body.items[0].sku`; '' for the input as a whole. */
  path: string;
  message: string;
}

export interface FoundAction {
  plugin: PluginDefinition;
  /** The action's key, e.g. `createDeal`. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  action: ActionDefinition<any, any>;
}

export type InputCheck = { ok: true; value: unknown } | { ok: false; problems: InputProblem[] };

export class InvalidPluginsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid plugins:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidPluginsError';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `__proto__` would set the prototype of the object class-transformer builds: refuse it. */
function prototypeKeyPath(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null || depth > 100) return undefined;
  for (const key of Object.keys(value)) {
    const child = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (key === '__proto__') return child;
    const found = prototypeKeyPath((value as Record<string, unknown>)[key], child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export class PluginRegistry {
  private readonly list: readonly PluginDefinition[];
  private readonly byName = new Map<string, PluginDefinition>();
  private readonly actions = new Map<string, FoundAction>();

  constructor(plugins: PluginDefinition[]) {
    const problems = pluginListProblems(plugins);
    if (problems.length === 0) problems.push(...plugins.flatMap(schemaNameClashes));
    if (problems.length > 0) throw new InvalidPluginsError(problems);
    this.list = Object.freeze([...plugins]);
    for (const plugin of plugins) {
      this.byName.set(plugin.name, plugin);
      for (const [name, action] of Object.entries(plugin.actions)) {
        this.actions.set(`${plugin.name}.${name}`, { plugin, name, action });
      }
    }
  }

  plugins(): PluginDefinition[] {
    return [...this.list];
  }

  getPlugin(name: string): PluginDefinition | undefined {
    return this.byName.get(name);
  }

  /** Every `plugin.action`, in registration order. */
  actionNames(): string[] {
    return [...this.actions.keys()];
  }

  getAction(ref: string): FoundAction | undefined {
    return this.actions.get(ref);
  }

  /**
   * Builds the action's input class from the mapped plain object and validates it. Unknown
   * fields are refused unless the action allows them; problem paths look like
   * `body.items[0].sku`. The value on success is the class instance (defaults filled in).
   */
  async validateInput(ref: string, plain: Record<string, unknown>): Promise<InputCheck> {
    const found = this.actions.get(ref);
    if (!found) {
      return { ok: false, problems: [{ path: '', message: `unknown action '${ref}'` }] };
    }
    if (!isPlainObject(plain)) {
      const got = Array.isArray(plain) ? 'an array' : plain === null ? 'null' : typeof plain;
      return {
        ok: false,
        problems: [{ path: '', message: `input must be an object, not ${got}` }],
      };
    }
    const poisoned = prototypeKeyPath(plain);
    if (poisoned !== undefined) {
      return {
        ok: false,
        problems: [{ path: poisoned, message: '__proto__ is not allowed as a field name' }],
      };
    }
    const strict = found.action.allowUnknownInput !== true;
    const options: ValidatorOptions = {
      whitelist: strict,
      forbidNonWhitelisted: strict,
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
    };
    let instance: object;
    try {
      instance = plainToInstance(found.action.input, plain, {
        exposeDefaultValues: true,
      }) as object;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        problems: [{ path: '', message: `input could not be read: ${message}` }],
      };
    }
    const errors = await validate(instance, options);
    if (errors.length > 0) return { ok: false, problems: flattenValidationErrors(errors) };
    return { ok: true, value: instance };
  }
}
