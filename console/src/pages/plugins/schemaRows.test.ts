import { describe, expect, it } from 'vitest';
import { constraintsOf, schemaNotes, schemaRows, typeOf } from './schemaRows';

/** Shaped as GET /plugins gives them (class-validator-jsonschema with definitions). */
const salesOrder = {
  type: 'object',
  properties: {
    customerEmail: { type: 'string', format: 'email', description: 'Finds the customer.' },
    line_items: {
      type: 'array',
      minItems: 1,
      items: { $ref: '#/definitions/LineItem' },
      description: 'The order lines.',
    },
    sign: { $ref: '#/definitions/Signing', description: 'Sign the body.' },
    method: { type: 'string', enum: ['GET', 'POST'], default: 'POST', examples: ['POST'] },
  },
  required: ['line_items'],
  additionalProperties: false,
  definitions: {
    LineItem: {
      type: 'object',
      properties: {
        sku: { type: 'string', maxLength: 40 },
        quantity: { type: 'number', minimum: 0.0001 },
      },
      required: ['quantity'],
    },
    Signing: {
      type: 'object',
      properties: { secret: { type: 'string', minLength: 1 } },
      required: ['secret'],
    },
  },
};

const rows = schemaRows(salesOrder);
const row = (path: string) => rows.find((r) => r.path === path)!;

describe('schemaRows', () => {
  it('lists nested fields after their parent, indented, with array items marked []', () => {
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.path}`)).toEqual([
      'customerEmail',
      'line_items',
      '  line_items[].sku',
      '  line_items[].quantity',
      'sign',
      '  sign.secret',
      'method',
    ]);
    expect(row('line_items[].quantity').name).toBe('quantity');
  });

  it('says each field’s type, following $ref into the definitions', () => {
    expect(row('customerEmail').type).toBe('string (email)');
    expect(row('line_items').type).toBe('array of object');
    expect(row('sign').type).toBe('object');
    expect(row('line_items[].quantity').type).toBe('number');
  });

  it('marks required fields at every level, and keeps the description beside a $ref', () => {
    expect(rows.filter((r) => r.required).map((r) => r.path)).toEqual([
      'line_items',
      'line_items[].quantity',
      'sign.secret',
    ]);
    expect(row('sign').description).toBe('Sign the body.');
  });

  it('lists enum values, limits, the default and an example', () => {
    expect(row('method')).toMatchObject({
      values: ['GET', 'POST'],
      constraints: ['default "POST"'],
      example: '"POST"',
    });
    expect(row('line_items').constraints).toEqual(['at least 1 item']);
    expect(row('line_items[].sku').constraints).toEqual(['at most 40 characters']);
  });
});

describe('schemaRows on odd schemas', () => {
  it('stops at a schema that refers to itself', () => {
    const loop = {
      type: 'object',
      properties: { node: { $ref: '#/definitions/Node' } },
      definitions: {
        Node: { type: 'object', properties: { next: { $ref: '#/definitions/Node' } } },
      },
    };
    const deep = schemaRows(loop);
    expect(deep.length).toBeLessThan(10);
    expect(deep.at(-1)!.path).toMatch(/^node(\.next)+$/);
  });

  it('has no rows for a schema without properties', () => {
    expect(schemaRows({ type: 'object', additionalProperties: true })).toEqual([]);
  });
});

describe('typeOf and constraintsOf', () => {
  it('names unions, untyped values and plain arrays', () => {
    expect(typeOf({ type: ['string', 'null'] }, {})).toBe('string or null');
    expect(typeOf({ description: 'Any JSON' }, {})).toBe('any');
    expect(typeOf({ type: 'array' }, {})).toBe('array');
    expect(typeOf({ enum: ['a'] }, {})).toBe('enum');
  });

  it('puts ranges and lengths in words', () => {
    expect(constraintsOf({ minimum: 1, maximum: 120000 })).toEqual(['1 to 120000']);
    expect(constraintsOf({ minLength: 1, maxLength: 255 })).toEqual(['1 to 255 characters']);
    expect(constraintsOf({ pattern: '^\\d{4}$' })).toEqual(['matches ^\\d{4}$']);
  });
});

describe('schemaNotes', () => {
  it('says which fields are alternatives, and when other fields are accepted', () => {
    const delay = {
      type: 'object',
      properties: { ms: { type: 'integer' }, until: { type: 'string' } },
      oneOf: [{ required: ['ms'] }, { required: ['until'] }],
      additionalProperties: false,
    };
    expect(schemaNotes(delay)).toEqual(['Give exactly one of: ms, until.']);
    expect(schemaNotes({ type: 'object', additionalProperties: true })).toEqual([
      'Fields not listed here are accepted too.',
    ]);
  });
});
