/**
 * Boot checks of plugin definitions (conventions.md, plugin contract): every problem of every
 * plugin is collected so one failed boot shows them all.
 */
import type { ActionDefinition, PluginDefinition } from '@flowhub/plugin-sdk';

export const PLUGIN_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const ACTION_NAME = /^[a-z][A-Za-z0-9]*$/;
/** semver.org's grammar (no leading zeros, optional pre-release and build). */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A `class` (what class-transformer and class-validator need), not a function or object. */
export function isClass(value: unknown): boolean {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');

/** secretFields, endpointFields and optional of a connection declaration. */
function connectionProblems(connection: NonNullable<PluginDefinition['connection']>): string[] {
  if (typeof connection !== 'object' || connection === null)
    return ['connection must be an object with fields (a class)'];
  const problems: string[] = [];
  if (!isClass(connection.fields))
    problems.push('connection.fields must be a class (class-validator decorators)');
  if (connection.secretFields !== undefined && !isStringList(connection.secretFields))
    problems.push('connection.secretFields must be a list of field names');
  if (connection.optional !== undefined && typeof connection.optional !== 'boolean')
    problems.push('connection.optional must be true or false');
  if (connection.derivedSecrets !== undefined && typeof connection.derivedSecrets !== 'function')
    problems.push('connection.derivedSecrets must be a function of the fields');
  const endpoints = connection.endpointFields ?? {};
  if (typeof endpoints !== 'object' || endpoints === null) {
    problems.push('connection.endpointFields must map field names to {hosts?}');
    return problems;
  }
  for (const [name, spec] of Object.entries(endpoints)) {
    if (connection.secretFields?.includes(name))
      problems.push(`connection.endpointFields.${name} cannot also be a secret field`);
    if (spec?.hosts !== undefined && !isStringList(spec.hosts))
      problems.push(`connection.endpointFields.${name}.hosts must be a list of host names`);
  }
  return problems;
}

function retryProblems(retry: ActionDefinition['retry']): string[] {
  if (retry === undefined) return [];
  const problems: string[] = [];
  const { attempts, backoff, delayMs, maxDelayMs } = retry;
  if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 1))
    problems.push('retry.attempts must be a whole number >= 1');
  if (backoff !== undefined && backoff !== 'fixed' && backoff !== 'exponential')
    problems.push("retry.backoff must be 'fixed' or 'exponential'");
  for (const [field, value] of [
    ['delayMs', delayMs],
    ['maxDelayMs', maxDelayMs],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0))
      problems.push(`retry.${field} must be a whole number of milliseconds >= 0`);
  }
  return problems;
}

/** `inputFields`: dot path -> {description?: string, example?, url?: boolean}. */
function inputFieldProblems(fields: ActionDefinition['inputFields']): string[] {
  if (fields === undefined) return [];
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    return ['inputFields must map dot paths to {description?, example?, url?}'];
  return Object.entries(fields).flatMap(([path, info]) => {
    if (typeof info !== 'object' || info === null)
      return [`inputFields.${path} must be {description?, example?, url?}`];
    const problems: string[] = [];
    if (info.description !== undefined && typeof info.description !== 'string')
      problems.push(`inputFields.${path}.description must be a string`);
    if (info.url !== undefined && typeof info.url !== 'boolean')
      problems.push(`inputFields.${path}.url must be true or false`);
    return problems;
  });
}

function actionProblems(name: string, action: ActionDefinition): string[] {
  if (typeof action !== 'object' || action === null) return ['must be made with defineAction'];
  const problems: string[] = [];
  if (!ACTION_NAME.test(name)) problems.push('key must be camelCase (e.g. createDeal)');
  if (!isNonEmptyString(action.displayName)) problems.push('needs a displayName');
  if (typeof action.description !== 'string') problems.push('needs a description');
  if (!isClass(action.input)) problems.push('input must be a class (class-validator decorators)');
  if (typeof action.sideEffects !== 'boolean')
    problems.push('sideEffects must be true or false (false: dry-run still calls it)');
  if (action.allowUnknownInput !== undefined && typeof action.allowUnknownInput !== 'boolean')
    problems.push('allowUnknownInput must be true or false');
  if (typeof action.run !== 'function') problems.push('needs a run function');
  for (const key of ['secretInputs', 'credentialHeaderInputs', 'credentialQueryInputs'] as const) {
    const paths = action[key];
    if (paths !== undefined && !isStringList(paths))
      problems.push(`${key} must be a list of dot paths (e.g. ['headers'])`);
  }
  return [...problems, ...inputFieldProblems(action.inputFields), ...retryProblems(action.retry)];
}

/** Problems of one plugin, each prefixed `plugin 'name'` (and `action 'key'`). */
export function pluginProblems(plugin: PluginDefinition): string[] {
  if (typeof plugin !== 'object' || plugin === null) {
    return [`plugin ${String(plugin)}: must be made with definePlugin`];
  }
  const label = `plugin '${String(plugin.name)}'`;
  const problems: string[] = [];
  if (typeof plugin.name !== 'string' || !PLUGIN_NAME.test(plugin.name))
    problems.push(`${label}: name must be kebab-case (e.g. zoho-crm)`);
  if (typeof plugin.version !== 'string' || !SEMVER.test(plugin.version))
    problems.push(`${label}: version '${String(plugin.version)}' must be semver (e.g. 1.0.0)`);
  if (!isNonEmptyString(plugin.displayName)) problems.push(`${label}: needs a displayName`);
  if (plugin.connection !== undefined) {
    for (const problem of connectionProblems(plugin.connection))
      problems.push(`${label}: ${problem}`);
  }
  const actions = plugin.actions;
  if (typeof actions !== 'object' || actions === null || Object.keys(actions).length === 0) {
    problems.push(`${label}: needs at least one action`);
    return problems;
  }
  for (const [name, action] of Object.entries(actions)) {
    for (const problem of actionProblems(name, action))
      problems.push(`${label} action '${name}': ${problem}`);
  }
  return problems;
}

/** Problems of the whole list, including names used twice. */
export function pluginListProblems(plugins: PluginDefinition[]): string[] {
  const counts = new Map<string, number>();
  for (const plugin of plugins) counts.set(plugin?.name, (counts.get(plugin?.name) ?? 0) + 1);
  const duplicates = [...counts]
    .filter(([name, count]) => count > 1 && typeof name === 'string')
    .map(
      ([name, count]) => `plugin '${name}': name is used by ${count} plugins; names must be unique`,
    );
  return [...plugins.flatMap(pluginProblems), ...duplicates];
}
