import type { JsonSchema } from './types';

/** One field of an input schema, as a row of the schema table. */
export interface SchemaRow {
  /** Dot path in the input; `[]` marks the items of an array: `line_items[].sku`. */
  path: string;
  /** The last segment of the path (what the row shows, indented by depth). */
  name: string;
  /** 0 for top-level fields, 1 for their fields, and so on. */
  depth: number;
  type: string;
  required: boolean;
  description: string;
  /** The values an enum allows. */
  values?: string[];
  /** Lengths, ranges, patterns and the default, in words. */
  constraints: string[];
  /** A value the field could take (JSON). */
  example?: string;
}

/** Nesting deeper than this is not shown (a schema that refers to itself would never end). */
const MAX_DEPTH = 6;

const json = (value: unknown) => JSON.stringify(value);

/** The schema a `$ref` points at, with what sits beside the `$ref` (e.g. its description). */
function resolve(node: JsonSchema, root: JsonSchema): JsonSchema {
  if (typeof node.$ref !== 'string') return node;
  const name = node.$ref.replace('#/definitions/', '');
  const { $ref: _ref, ...beside } = node;
  return { ...(root.definitions?.[name] ?? {}), ...beside };
}

/** A schema's type in words: `string (email)`, `array of object`, `integer`, `any`. */
export function typeOf(node: JsonSchema, root: JsonSchema): string {
  const schema = resolve(node, root);
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  if (schema.type === 'array')
    return schema.items ? `array of ${typeOf(schema.items, root)}` : 'array';
  if (schema.type === 'string' && schema.format) return `string (${schema.format})`;
  if (schema.type) return String(schema.type);
  if (schema.properties) return 'object';
  if (schema.enum) return 'enum';
  return 'any';
}

function lengths(schema: JsonSchema, unit: string): string | undefined {
  const { minLength: min, maxLength: max } =
    unit === 'items' ? { minLength: schema.minItems, maxLength: schema.maxItems } : schema;
  const of = (n: number) => (n === 1 ? unit.replace(/s$/, '') : unit);
  if (min !== undefined && max !== undefined) return `${min} to ${max} ${of(max)}`;
  if (min !== undefined) return `at least ${min} ${of(min)}`;
  if (max !== undefined) return `at most ${max} ${of(max)}`;
  return undefined;
}

/** Lengths, ranges, pattern and default of a field, in words. */
export function constraintsOf(schema: JsonSchema): string[] {
  const found = [lengths(schema, 'characters'), lengths(schema, 'items')];
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    found.push(`${schema.minimum} to ${schema.maximum}`);
  else if (schema.minimum !== undefined) found.push(`at least ${schema.minimum}`);
  else if (schema.maximum !== undefined) found.push(`at most ${schema.maximum}`);
  if (schema.pattern) found.push(`matches ${schema.pattern}`);
  if (schema.default !== undefined) found.push(`default ${json(schema.default)}`);
  return found.filter((text): text is string => text !== undefined);
}

/** The object whose fields a field has: itself, or its array's items. */
function fieldsOf(schema: JsonSchema, root: JsonSchema): { object: JsonSchema; suffix: string } {
  if (schema.type === 'array' && schema.items)
    return { object: resolve(schema.items, root), suffix: '[]' };
  return { object: schema, suffix: '' };
}

function rowsOf(object: JsonSchema, root: JsonSchema, prefix: string, depth: number): SchemaRow[] {
  if (depth > MAX_DEPTH) return [];
  const required = new Set<string>(object.required ?? []);
  return Object.entries((object.properties ?? {}) as Record<string, JsonSchema>).flatMap(
    ([name, node]) => {
      const schema = resolve(node, root);
      const path = prefix ? `${prefix}.${name}` : name;
      const row: SchemaRow = {
        path,
        name,
        depth,
        type: typeOf(node, root),
        required: required.has(name),
        description: typeof schema.description === 'string' ? schema.description : '',
        constraints: constraintsOf(schema),
        ...(Array.isArray(schema.enum) ? { values: schema.enum.map(String) } : {}),
        ...(Array.isArray(schema.examples) && schema.examples.length > 0
          ? { example: json(schema.examples[0]) }
          : {}),
      };
      const { object: inner, suffix } = fieldsOf(schema, root);
      return [row, ...rowsOf(inner, root, `${path}${suffix}`, depth + 1)];
    },
  );
}

/** Every field of a JSON Schema, nested fields (objects, array items) after their parent. */
export function schemaRows(schema: JsonSchema): SchemaRow[] {
  return rowsOf(resolve(schema, schema), schema, '', 0);
}

function alternatives(list: unknown): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const names = list.map((option: JsonSchema) => (option.required ?? []).join(' and '));
  return names.every(Boolean) ? names : undefined;
}

/** What the table cannot say by rows: "give exactly one of", "other fields are accepted". */
export function schemaNotes(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const oneOf = alternatives(schema.oneOf);
  if (oneOf) notes.push(`Give exactly one of: ${oneOf.join(', ')}.`);
  const anyOf = alternatives(schema.anyOf);
  if (anyOf) notes.push(`Give at least one of: ${anyOf.join(', ')}.`);
  if (schema.additionalProperties === true) notes.push('Fields not listed here are accepted too.');
  return notes;
}
