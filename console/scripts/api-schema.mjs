// console/src/api/schema.d.ts from Flowhub's OpenAPI document (/docs/json): openapi-typescript
// writes the types, prettier formats them as `npm run check` wants. Used by
// test/tooling/console-api-schema.spec.ts, which fails when the checked-in file is not current
// and rewrites it under CONSOLE_API_WRITE=1 (`npm run console:api`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCHEMA_FILE = join(REPO, 'console', 'src', 'api', 'schema.d.ts');

const HEADER =
  "// Generated from Flowhub's OpenAPI document (/docs/json) by `npm run console:api`.\n" +
  '// Do not edit: test/tooling/console-api-schema.spec.ts fails when it is not current.\n';

/** The formatted schema.d.ts text for an OpenAPI document (an object). */
export function schemaSource(document) {
  const dir = mkdtempSync(join(tmpdir(), 'flowhub-openapi-'));
  try {
    const input = join(dir, 'openapi.json');
    writeFileSync(input, JSON.stringify(document));
    const cli = join(REPO, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    const types = execFileSync(
      process.execPath,
      [cli, input, '--alphabetize', '--default-non-nullable', 'false'],
      {
        cwd: REPO,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const prettier = join(REPO, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
    return execFileSync(process.execPath, [prettier, '--stdin-filepath', SCHEMA_FILE], {
      cwd: REPO,
      encoding: 'utf8',
      input: HEADER + types.replace(/^\/\*\*[\s\S]*?\*\/\n+/, ''),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
