/**
 * What an action declared about its input fields at runtime (`inputFields`), as GET /plugins
 * shows it: the list itself, and the descriptions and examples folded into the input JSON
 * Schema (top-level fields).
 */
import type { InputFieldInfo, InputFields } from '@flowhub/plugin-sdk';
import type { JsonSchema } from './input-schema.js';

export interface InputFieldEntry {
  /** Dot path in the input, e.g. `url` or `sign.secret`. */
  path: string;
  description: string | null;
  example?: unknown;
  /** The action sends requests to it: checked against the egress guard when a flow is saved. */
  url: boolean;
}

export function inputFieldEntries(fields: InputFields = {}): InputFieldEntry[] {
  return Object.entries(fields).map(([path, info]) => ({
    path,
    description: info.description ?? null,
    ...('example' in info ? { example: info.example } : {}),
    url: info.url === true,
  }));
}

function annotated(property: JsonSchema, info: InputFieldInfo): JsonSchema {
  return {
    ...property,
    ...(info.description ? { description: info.description } : {}),
    ...('example' in info ? { examples: [info.example] } : {}),
  };
}

/** `schema` with each declared top-level field's description and example. */
export function withInputFields(schema: JsonSchema, fields: InputFields = {}): JsonSchema {
  const properties = { ...(schema.properties ?? {}) } as Record<string, JsonSchema>;
  for (const [path, info] of Object.entries(fields)) {
    if (!path.includes('.') && properties[path])
      properties[path] = annotated(properties[path], info);
  }
  return schema.properties ? { ...schema, properties } : schema;
}
