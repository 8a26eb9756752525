import { ESLint } from 'eslint';

/** Plugins import only @flowhub/plugin-sdk (validators included), node: built-ins and their own files. */
describe('plugin import boundary (eslint)', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
  };

  it.each(['class-validator', 'class-transformer', 'class-validator-jsonschema', 'axios'])(
    'rejects %s in a plugin',
    async (pkg) => {
      const messages = await lint(`import '${pkg}';\n`, 'plugins/core/actions/x.action.ts');
      expect(messages.map((m) => m.message)).toEqual([
        expect.stringContaining('a plugin imports only @flowhub/plugin-sdk'),
      ]);
    },
  );

  it('allows the SDK, its validators, node: built-ins and relative imports', async () => {
    const code = [
      "import { defineAction } from '@flowhub/plugin-sdk';",
      "import { IsString } from '@flowhub/plugin-sdk/validators';",
      "import { runActionFixture } from '@flowhub/plugin-sdk/testing';",
      "import { createHmac } from 'node:crypto';",
      "import { zohoCall } from '../../zoho-shared/zoho.js';",
      "import { client } from './client.js';",
      '',
    ].join('\n');
    expect(await lint(code, 'plugins/zoho-crm/actions/x.action.ts')).toEqual([]);
  });

  it("leaves plugins' tests free to use the host's packages", async () => {
    expect(await lint("import 'class-validator';\n", 'plugins/core/__tests__/x.spec.ts')).toEqual(
      [],
    );
  });
});
