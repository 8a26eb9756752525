import { getMetadataStorage } from 'class-validator';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginDefinition } from '@flowhub/plugin-sdk';
import { pluginProblems } from './plugin-checks.js';
import { schemaNameClashes } from './schema-names.js';

export interface LoadedPlugins {
  plugins: PluginDefinition[];
  /** One line per FLOWHUB_PLUGINS entry that was skipped, with the reason. */
  skipped: string[];
}

function specifier(entry: string): string {
  const isPath = entry.startsWith('.') || isAbsolute(entry);
  return isPath ? pathToFileURL(resolve(entry)).href : entry;
}

/** `export default definePlugin(...)`, `export const plugin`, or `export const plugins = [...]`. */
function definitionsOf(module: Record<string, unknown>): unknown[] {
  if (Array.isArray(module.plugins)) return module.plugins;
  const single = module.default ?? module.plugin;
  return single === undefined ? [] : [single];
}

/** Input classes must carry class-validator decorators (else every input would pass unchecked). */
function undecoratedInputs(plugin: PluginDefinition): string[] {
  const storage = getMetadataStorage();
  return Object.entries(plugin.actions)
    .filter(([, action]) => !action.allowUnknownInput)
    .filter(
      ([, action]) =>
        storage.getTargetValidationMetadatas(action.input, '', true, false).length === 0,
    )
    .map(
      ([name]) =>
        `plugin '${plugin.name}' action '${name}': input class has no class-validator decorators`,
    );
}

/**
 * Loads the plugins named in FLOWHUB_PLUGINS. One that fails to load or fails a boot check
 * is skipped with the reason, never stopping the hub; `taken` holds names already in use.
 */
export async function loadExternalPlugins(
  entries: string[],
  taken: Set<string>,
): Promise<LoadedPlugins> {
  const plugins: PluginDefinition[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    let definitions: unknown[];
    try {
      definitions = definitionsOf((await import(specifier(entry))) as Record<string, unknown>);
    } catch (error) {
      skipped.push(`'${entry}' could not be loaded: ${(error as Error).message}`);
      continue;
    }
    if (definitions.length === 0) {
      skipped.push(
        `'${entry}' exports no plugin (export default definePlugin(...) or export const plugin)`,
      );
    }
    for (const definition of definitions as PluginDefinition[]) {
      const problems = pluginProblems(definition);
      if (problems.length === 0) problems.push(...undecoratedInputs(definition));
      if (problems.length === 0) problems.push(...schemaNameClashes(definition));
      if (problems.length === 0 && taken.has(definition.name)) {
        problems.push(`plugin '${definition.name}': another plugin already has this name`);
      }
      if (problems.length > 0) {
        skipped.push(`'${entry}': ${problems.join('; ')}`);
        continue;
      }
      taken.add(definition.name);
      plugins.push(definition);
    }
  }
  return { plugins, skipped };
}
