import { Type } from 'class-transformer';
import { IsNumber, IsString, ValidateNested } from 'class-validator';
import { BUILT_IN_PLUGINS } from '../../plugins/index.js';
import { defineAction, definePlugin } from '@flowhub/plugin-sdk';
import { describePlugin } from './plugin-catalogue.js';
import { InvalidPluginsError, PluginRegistry } from './plugin-registry.js';
import { schemaNameClashes } from './schema-names.js';

// Two plugins written apart, each with its own class named SharedInput.
class SharedInputOfOne {
  @IsString()
  text!: string;
}
Object.defineProperty(SharedInputOfOne, 'name', { value: 'SharedInput' });
class SharedInputOfTwo {
  @IsNumber()
  count!: number;
}
Object.defineProperty(SharedInputOfTwo, 'name', { value: 'SharedInput' });

/** One input that nests both: one schema cannot hold two definitions named SharedInput. */
class BothInput {
  @ValidateNested()
  @Type(() => SharedInputOfOne)
  first!: SharedInputOfOne;

  @ValidateNested()
  @Type(() => SharedInputOfTwo)
  second!: SharedInputOfTwo;
}

const pluginWith = (name: string, input: new () => object) =>
  definePlugin({
    name,
    version: '1.0.0',
    displayName: name,
    description: 'test plugin',
    actions: {
      go: defineAction({
        displayName: 'Go',
        description: 'does nothing',
        input,
        sideEffects: false,
        run: async () => ({}),
      }),
    },
  });

describe('input class names in the catalogue', () => {
  it('the built-in plugins have no clash', () => {
    expect(BUILT_IN_PLUGINS.flatMap(schemaNameClashes)).toEqual([]);
  });

  it("two plugins' classes with one name each keep their own schema", () => {
    const registry = new PluginRegistry([
      pluginWith('one', SharedInputOfOne),
      pluginWith('two', SharedInputOfTwo),
    ]);
    const [one, two] = registry.plugins().map((plugin) => describePlugin(plugin).actions[0]);
    expect(Object.keys(one.inputSchema.properties)).toEqual(['text']);
    expect(Object.keys(two.inputSchema.properties)).toEqual(['count']);
  });

  it('refuses at boot an input that nests two different classes with one name', () => {
    const plugins = [pluginWith('both', BothInput)];
    expect(() => new PluginRegistry(plugins)).toThrow(InvalidPluginsError);
    expect(() => new PluginRegistry(plugins)).toThrow(
      /plugin 'both' action 'go': two different classes named 'SharedInput'/,
    );
  });
});
