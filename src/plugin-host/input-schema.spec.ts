import { Ajv } from 'ajv';
import { BUILT_IN_PLUGINS } from '../../plugins/index.js';
import { describePlugin } from './plugin-catalogue.js';
import type { JsonSchema } from './input-schema.js';

/** Every `$ref` of a schema must point into its own definitions (the catalogue is read alone). */
function refsOf(node: unknown, found: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') found.push(value);
    else refsOf(value, found);
  }
  return found;
}

const schemas: [string, JsonSchema][] = BUILT_IN_PLUGINS.flatMap((plugin) => {
  const entry = describePlugin(plugin);
  const fields = entry.connection?.fields ?? [];
  return [
    ...entry.actions.map((action): [string, JsonSchema] => [action.action, action.inputSchema]),
    ...fields.map((field): [string, JsonSchema] => [
      `${entry.name} connection.${field.name}`,
      field.schema,
    ]),
  ];
});

describe('catalogue input schemas (issue 16 item 5)', () => {
  it.each(schemas)('%s is self-contained and compiles as JSON Schema', (_name, schema) => {
    const dangling = refsOf(schema).filter(
      (ref) => !(ref.startsWith('#/definitions/') && schema.definitions?.[ref.slice(14)]),
    );
    expect(dangling).toEqual([]);
    // strict: unknown keywords fail; the two format names used are annotations (not checked).
    const ajv = new Ajv({ strict: true, formats: { email: true, url: true } });
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('inlines the item shape of an array of nested classes (createSalesOrder line_items)', () => {
    const schema = schemas.find(([name]) => name === 'zoho-inventory.createSalesOrder')![1];
    const items = schema.properties.line_items.items as JsonSchema;
    const item = items.$ref ? schema.definitions[items.$ref.slice(14)] : items;
    expect(item.type).toBe('object');
    expect(Object.keys(item.properties ?? {})).toEqual(expect.arrayContaining(['quantity']));
  });
});

describe('core.delay input schema', () => {
  const schema = schemas.find(([name]) => name === 'core.delay')![1];
  const ajv = new Ajv({ strict: true });
  const valid = ajv.compile(schema);

  it('requires exactly one of ms or until, not ms alone', () => {
    expect(schema.required ?? []).toEqual([]);
    expect(schema.oneOf.map((branch: JsonSchema) => branch.required)).toEqual([['ms'], ['until']]);
    expect(valid({ ms: 1000 })).toBe(true);
    expect(valid({ until: '2026-12-01T09:00:00Z' })).toBe(true);
    expect(valid({})).toBe(false);
    expect(valid({ ms: 1000, until: '2026-12-01T09:00:00Z' })).toBe(false);
    expect(valid({ ms: 0 })).toBe(false);
  });
});

/** Every property of a schema and of its definitions, as `path` and its schema. */
function propertiesOf(schema: JsonSchema): [string, JsonSchema][] {
  const own = (node: JsonSchema, at: string): [string, JsonSchema][] =>
    Object.entries((node.properties ?? {}) as Record<string, JsonSchema>).map(([name, value]) => [
      `${at}${name}`,
      value,
    ]);
  return [
    ...own(schema, ''),
    ...Object.entries((schema.definitions ?? {}) as Record<string, JsonSchema>).flatMap(
      ([name, definition]) => own(definition, `definitions.${name}.`),
    ),
  ];
}

describe('catalogue field descriptions (issue 16 item 5)', () => {
  const actions = BUILT_IN_PLUGINS.flatMap((plugin) =>
    describePlugin(plugin).actions.map((action): [string, JsonSchema] => [
      action.action,
      action.inputSchema,
    ]),
  );

  it.each(actions)('%s describes every field, nested ones too', (_name, schema) => {
    const undescribed = propertiesOf(schema)
      .filter(([, property]) => typeof property.description !== 'string' || !property.description)
      .map(([path]) => path);
    expect(undescribed).toEqual([]);
  });
});
