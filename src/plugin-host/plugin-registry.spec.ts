import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { BUILT_IN_PLUGINS } from '../../plugins/index.js';
import {
  defineAction,
  definePlugin,
  type ActionDefinition,
  type PluginDefinition,
} from '@flowhub/plugin-sdk';
import { InvalidPluginsError, PluginRegistry } from './plugin-registry.js';

class Line {
  @IsString()
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

class OrderBody {
  @ValidateNested({ each: true })
  @Type(() => Line)
  items: Line[];
}

class CreateOrderInput {
  @IsString()
  customer: string;

  @IsOptional()
  @IsInt()
  priority?: number = 3;

  @ValidateNested()
  @Type(() => OrderBody)
  body: OrderBody;
}

class Anything {}

const createOrder = defineAction({
  displayName: 'Create order',
  description: 'Creates an order',
  input: CreateOrderInput,
  sideEffects: true,
  run: async ({ input }) => input,
});

const shop = definePlugin({
  name: 'test-shop',
  version: '1.2.3-beta.1',
  displayName: 'Test shop',
  actions: { createOrder },
});

function plugin(overrides: Partial<PluginDefinition>): PluginDefinition {
  return { ...shop, ...overrides };
}

function bootProblems(plugins: PluginDefinition[]): string[] {
  try {
    new PluginRegistry(plugins);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPluginsError);
    return (error as InvalidPluginsError).problems;
  }
}

describe('PluginRegistry', () => {
  it('boots with the built-in plugins', () => {
    const registry = new PluginRegistry(BUILT_IN_PLUGINS);
    expect(registry.actionNames()).toEqual(
      expect.arrayContaining([
        'core.transform',
        'core.delay',
        'http.request',
        'zoho-crm.createDeal',
      ]),
    );
    expect(registry.plugins().map((p) => p.name)).toEqual([
      'core',
      'http',
      'zoho-crm',
      'zoho-inventory',
    ]);
  });

  it('finds actions by plugin.action', () => {
    const registry = new PluginRegistry([shop]);
    expect(registry.getAction('test-shop.createOrder')).toEqual({
      plugin: shop,
      name: 'createOrder',
      action: createOrder,
    });
    expect(registry.getAction('test-shop.nope')).toBeUndefined();
    expect(registry.getAction('createOrder')).toBeUndefined();
    expect(registry.getPlugin('test-shop')).toBe(shop);
  });

  it.each([
    ['Http', "plugin 'Http': name must be kebab-case (e.g. zoho-crm)"],
    ['zoho_crm', "plugin 'zoho_crm': name must be kebab-case (e.g. zoho-crm)"],
    ['zoho--crm', "plugin 'zoho--crm': name must be kebab-case (e.g. zoho-crm)"],
    ['-crm', "plugin '-crm': name must be kebab-case (e.g. zoho-crm)"],
  ])('refuses the name %s', (name, problem) => {
    expect(bootProblems([plugin({ name })])).toEqual([problem]);
  });

  it.each(['1.0', 'v1.0.0', '01.0.0', '1.0.0-', 'latest'])('refuses the version %s', (version) => {
    expect(bootProblems([plugin({ version })])).toEqual([
      `plugin 'test-shop': version '${version}' must be semver (e.g. 1.0.0)`,
    ]);
  });

  it('refuses two plugins with the same name', () => {
    expect(bootProblems([shop, plugin({})])).toEqual([
      "plugin 'test-shop': name is used by 2 plugins; names must be unique",
    ]);
  });

  it('checks every action and lists every problem at once', () => {
    const broken = {
      displayName: 'Broken',
      description: 'x',
      input: { not: 'a class' },
      sideEffects: 'yes',
      retry: { attempts: 0 },
      run: async () => null,
    } as unknown as ActionDefinition;
    const fn = { ...createOrder, input: function notAClass() {} } as unknown as ActionDefinition;
    const problems = bootProblems([
      plugin({ name: 'Bad_Name', version: 'x', actions: { CreateOrder: createOrder, broken, fn } }),
    ]);
    expect(problems).toEqual([
      "plugin 'Bad_Name': name must be kebab-case (e.g. zoho-crm)",
      "plugin 'Bad_Name': version 'x' must be semver (e.g. 1.0.0)",
      "plugin 'Bad_Name' action 'CreateOrder': key must be camelCase (e.g. createDeal)",
      "plugin 'Bad_Name' action 'broken': input must be a class (class-validator decorators)",
      "plugin 'Bad_Name' action 'broken': sideEffects must be true or false (false: dry-run still calls it)",
      "plugin 'Bad_Name' action 'broken': retry.attempts must be a whole number >= 1",
      "plugin 'Bad_Name' action 'fn': input must be a class (class-validator decorators)",
    ]);
    expect(() => new PluginRegistry([plugin({ name: 'Http' })])).toThrow(
      "Invalid plugins:\n  - plugin 'Http': name must be kebab-case (e.g. zoho-crm)",
    );
  });

  it('checks connection declarations: secret, endpoint and optional fields', () => {
    const connection = {
      fields: Line,
      secretFields: ['sku', 7],
      endpointFields: { sku: {}, quantity: { hosts: 'acme.example' } },
      optional: 'yes',
      derivedSecrets: 'base64',
    } as unknown as PluginDefinition['connection'];
    const secretInputs = 'sign.secret' as unknown as string[];
    const credentialQueryInputs = 'query' as unknown as string[];
    const action = { ...createOrder, secretInputs, credentialQueryInputs };
    expect(bootProblems([plugin({ connection, actions: { createOrder: action } })])).toEqual([
      "plugin 'test-shop': connection.secretFields must be a list of field names",
      "plugin 'test-shop': connection.optional must be true or false",
      "plugin 'test-shop': connection.derivedSecrets must be a function of the fields",
      "plugin 'test-shop': connection.endpointFields.sku cannot also be a secret field",
      "plugin 'test-shop': connection.endpointFields.quantity.hosts must be a list of host names",
      "plugin 'test-shop' action 'createOrder': secretInputs must be a list of dot paths (e.g. ['headers'])",
      "plugin 'test-shop' action 'createOrder': credentialQueryInputs must be a list of dot paths (e.g. ['headers'])",
    ]);
  });

  it('checks declared input fields: descriptions are text, url is a boolean', () => {
    const inputFields = { customer: { description: 42, url: 'yes' }, priority: 'high' };
    const action = { ...createOrder, inputFields } as unknown as ActionDefinition;
    expect(bootProblems([plugin({ actions: { createOrder: action } })])).toEqual([
      "plugin 'test-shop' action 'createOrder': inputFields.customer.description must be a string",
      "plugin 'test-shop' action 'createOrder': inputFields.customer.url must be true or false",
      "plugin 'test-shop' action 'createOrder': inputFields.priority must be {description?, example?, url?}",
    ]);
    const declared = { ...createOrder, inputFields: { customer: { url: true, example: 'x' } } };
    expect(bootProblems([plugin({ actions: { createOrder: declared } })])).toEqual([]);
  });

  it('refuses a plugin without actions', () => {
    expect(bootProblems([plugin({ actions: {} })])).toEqual([
      "plugin 'test-shop': needs at least one action",
    ]);
  });

  describe('validateInput', () => {
    const registry = new PluginRegistry([
      shop,
      plugin({
        name: 'loose',
        actions: {
          any: defineAction({
            displayName: 'Any',
            description: '',
            input: Anything,
            sideEffects: false,
            allowUnknownInput: true,
            run: async ({ input }) => input,
          }),
        },
      }),
    ]);

    it('returns an instance of the input class with defaults filled in', async () => {
      const checked = await registry.validateInput('test-shop.createOrder', {
        customer: 'c-1',
        body: { items: [{ sku: 'A', quantity: 2 }] },
      });
      expect(checked.ok).toBe(true);
      const value = checked.ok ? (checked.value as CreateOrderInput) : undefined;
      expect(value).toBeInstanceOf(CreateOrderInput);
      expect(value?.priority).toBe(3);
      expect(value?.body.items[0]).toBeInstanceOf(Line);
    });

    it('lists problems with nested paths and class-validator messages', async () => {
      const checked = await registry.validateInput('test-shop.createOrder', {
        customer: 42,
        body: { items: [{ sku: 'A', quantity: 1 }, { quantity: 0 }], note: 'x' },
        extra: true,
      });
      expect(checked).toEqual({
        ok: false,
        problems: expect.arrayContaining([
          { path: 'customer', message: 'customer must be a string' },
          { path: 'body.items[1].sku', message: 'sku must be a string' },
          { path: 'body.items[1].quantity', message: 'quantity must not be less than 1' },
          { path: 'body.note', message: 'property note should not exist' },
          { path: 'extra', message: 'property extra should not exist' },
        ]),
      });
      expect(checked.ok ? 0 : checked.problems.length).toBe(5);
    });

    it('accepts unknown fields when the action allows them', async () => {
      const checked = await registry.validateInput('loose.any', { a: 1, b: { c: [2] } });
      expect(checked).toEqual({
        ok: true,
        value: expect.objectContaining({ a: 1, b: { c: [2] } }),
      });
    });

    it('refuses what is not an object, unknown actions and __proto__ keys', async () => {
      expect(await registry.validateInput('test-shop.createOrder', [] as never)).toEqual({
        ok: false,
        problems: [{ path: '', message: 'input must be an object, not an array' }],
      });
      expect(await registry.validateInput('nope.action', {})).toEqual({
        ok: false,
        problems: [{ path: '', message: "unknown action 'nope.action'" }],
      });
      const poisoned = JSON.parse('{"a": {"list": [{"__proto__": {"x": 1}}]}}');
      expect(await registry.validateInput('loose.any', poisoned)).toEqual({
        ok: false,
        problems: [
          { path: 'a.list[0].__proto__', message: '__proto__ is not allowed as a field name' },
        ],
      });
    });
  });
});
