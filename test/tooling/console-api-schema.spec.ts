import { readFileSync, writeFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs module without types
import { SCHEMA_FILE, schemaSource } from '../../console/scripts/api-schema.mjs';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/**
 * Issue 18: the console's typed client is generated from the served OpenAPI document.
 * Fails when console/src/api/schema.d.ts is not what `npm run console:api` writes today.
 */
describe('console API schema', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootTestApp();
  });
  afterAll(() => app.stop());

  it('console/src/api/schema.d.ts matches the OpenAPI document at /docs/json', async () => {
    const document = await (await fetch(`${app.url}/docs/json`)).json();
    const expected: string = schemaSource(document);
    if (process.env.CONSOLE_API_WRITE === '1') writeFileSync(SCHEMA_FILE, expected);
    const current = readFileSync(SCHEMA_FILE, 'utf8');
    if (current !== expected)
      throw new Error(
        'console/src/api/schema.d.ts is out of date with the API: run `npm run console:api` and commit it',
      );
    expect(current).toContain("'/api/v1/runs/{id}/replay'");
  });
});
