// class-transformer's @Type metadata tells the item class of an array (`@Type(() => LineItem)`).
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
import { validationMetadataArrayToSchemas } from 'class-validator-jsonschema';
import { reachableClasses, type AnyClass } from './schema-names.js';
import type { ClassType } from '@flowhub/plugin-sdk';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonSchema = Record<string, any>;

// class-validator keeps its metadata per class in this Map (not in its public types).
type Storage = {
  validationMetadatas: Map<AnyClass, ValidationMetadata[]>;
  getTargetValidatorConstraints(target: AnyClass): { name: string }[];
};

const cache = new WeakMap<AnyClass, Record<string, JsonSchema>>();
/**
 * The JSON Schema of every class `type` reaches, keyed by class name: built from those
 * classes' metadata only, so a class of another plugin with the same name never enters it.
 */
function schemasOf(type: AnyClass): Record<string, JsonSchema> {
  let schemas = cache.get(type);
  if (schemas) return schemas;
  const storage = getMetadataStorage() as unknown as Storage;
  const metadatas = reachableClasses(type).flatMap((cls) =>
    (storage.validationMetadatas.get(cls) ?? []).map((meta) => {
      // as class-validator-jsonschema does: a custom constraint is known by its name
      const constraint = meta.constraintCls
        ? storage.getTargetValidatorConstraints(meta.constraintCls as AnyClass)[0]
        : undefined;
      return constraint ? { ...meta, type: constraint.name } : { ...meta };
    }),
  );
  schemas = validationMetadataArrayToSchemas(metadatas, {
    refPointerPrefix: '#/definitions/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, JsonSchema>;
  cache.set(type, schemas);
  return schemas;
}

function refsIn(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((child) => refsIn(child, found));
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') found.add(value.replace('#/definitions/', ''));
    else refsIn(value, found);
  }
}

/** `IsObject()` points at a definition named Object that does not exist: make it a plain object. */
function plainObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(plainObjects);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).map(([k, v]) => [k, plainObjects(v)] as const);
  if ((node as JsonSchema).$ref !== '#/definitions/Object') return Object.fromEntries(entries);
  // keep what sits beside the $ref (a description, examples)
  return { type: 'object', ...Object.fromEntries(entries.filter(([k]) => k !== '$ref')) };
}

/** A field with a default value (`url: string = ...`) is not required from the caller. */
function withDefaults(schema: JsonSchema, type: ClassType): JsonSchema {
  let instance: Record<string, unknown> = {};
  try {
    instance = new type() as Record<string, unknown>;
  } catch {
    // a class that cannot be built without arguments has no defaults to report
  }
  const properties = { ...(schema.properties ?? {}) };
  for (const [name, value] of Object.entries(instance)) {
    if (value !== undefined && properties[name])
      properties[name] = { ...properties[name], default: value };
  }
  const required = ((schema.required ?? []) as string[]).filter(
    (name) => instance[name] === undefined,
  );
  return { ...schema, properties, ...(required.length ? { required } : { required: undefined }) };
}

/** The JSON Schema of a class-validator class, with the nested classes it uses. */
export function inputSchema(type: ClassType, open = false): JsonSchema {
  const schemas = schemasOf(type);
  const root = withDefaults(schemas[type.name] ?? { type: 'object', properties: {} }, type);
  const definitions: Record<string, JsonSchema> = {};
  const pending = new Set<string>();
  refsIn(root, pending);
  for (const name of pending) {
    if (definitions[name] || name === 'Object' || !schemas[name]) continue;
    definitions[name] = schemas[name];
    refsIn(schemas[name], pending);
  }
  const schema: JsonSchema = { type: 'object', ...root, additionalProperties: open };
  if (Object.keys(definitions).length > 0) schema.definitions = definitions;
  return JSON.parse(JSON.stringify(plainObjects(schema))) as JsonSchema;
}
