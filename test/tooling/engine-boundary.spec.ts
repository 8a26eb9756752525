import { ESLint } from 'eslint';

/** The lint rule that keeps src/engine/ pure really fires (and only there). */
describe('engine import boundary', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages
      .filter((m) => m.ruleId === 'no-restricted-imports')
      .map((m) => m.message);
  };

  it.each(['@nestjs/common', 'typeorm', 'bullmq', 'axios'])(
    'rejects %s inside src/engine',
    async (pkg) => {
      const messages = await lint(`import '${pkg}';\n`, 'src/engine/next-steps.ts');
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/src\/engine\/ is pure TypeScript/);
    },
  );

  it('allows plain imports inside src/engine and framework imports elsewhere', async () => {
    expect(await lint("import { createHash } from 'node:crypto';\n", 'src/engine/hash.ts')).toEqual(
      [],
    );
    expect(await lint("import '@nestjs/common';\n", 'src/flows/flows.module.ts')).toEqual([]);
  });
});
