/**
 * The catalogue builds each input schema from the classes that input reaches (itself, its
 * parent classes and the nested classes it names with @Type), keyed by class name inside that
 * schema's `definitions`. Classes of other plugins (or of Flowhub) never enter it, so two
 * plugins may use one class name. Two different classes with one name inside one input would
 * share a definition: the boot check refuses that plugin, naming the class.
 */
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import type { ClassType, PluginDefinition } from '@flowhub/plugin-sdk';

/** Any class (what class-validator keys its metadata by). */
export type AnyClass = abstract new (...args: never[]) => unknown;

/** `type`, its parent classes and every class it reaches through @Type, in discovery order. */
export function reachableClasses(type: AnyClass): AnyClass[] {
  const found: AnyClass[] = [];
  const pending: AnyClass[] = [type];
  while (pending.length > 0) {
    const next = pending.shift()!;
    if (found.includes(next)) continue;
    found.push(next);
    const parent = Object.getPrototypeOf(next) as AnyClass | object;
    if (typeof parent === 'function' && parent !== Function.prototype)
      pending.push(parent as AnyClass);
    const props = getMetadataStorage()
      .getTargetValidationMetadatas(next, '', true, false)
      .map((meta) => meta.propertyName);
    for (const prop of new Set(props)) {
      const nested = defaultMetadataStorage.findTypeMetadata(next, prop)?.typeFunction();
      if (typeof nested === 'function' && nested !== Object) pending.push(nested as AnyClass);
    }
  }
  return found;
}

/** Names used by two different classes among those one input reaches. */
function clashingNames(type: AnyClass): string[] {
  const classes = reachableClasses(type);
  const names = classes.map((cls) => cls.name);
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}

export function schemaNameClashes(plugin: PluginDefinition): string[] {
  const inputs: [string, unknown][] = [
    ...Object.entries(plugin.actions ?? {}).map(([name, action]): [string, unknown] => [
      `action '${name}'`,
      action?.input,
    ]),
    ...(plugin.connection ? [['connection', plugin.connection.fields] as [string, unknown]] : []),
  ];
  return inputs
    .filter(([, type]) => typeof type === 'function')
    .flatMap(([where, type]) =>
      clashingNames(type as ClassType).map(
        (name) =>
          `plugin '${plugin.name}' ${where}: two different classes named '${name}' in one input would share one schema in the catalogue: rename one`,
      ),
    );
}
