import { readFileSync } from 'node:fs';
import { ENV_VARIABLES } from '../../src/config/env.schema.js';

/** Every variable Flowhub reads is documented where operators look for it. */
describe('configuration docs', () => {
  const envExample = readFileSync('.env.example', 'utf8');
  const configDoc = readFileSync('docs/configuration.md', 'utf8');
  const compose = readFileSync('docker-compose.yml', 'utf8');

  it.each(ENV_VARIABLES)('%s is in .env.example and docs/configuration.md', (name) => {
    expect(envExample).toMatch(new RegExp(`^# ${name}=`, 'm'));
    expect(configDoc).toContain(`\`${name}\``);
  });

  it('docker-compose.yml only sets variables Flowhub knows', () => {
    const set = [...compose.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    const flowhub = set.filter((name) => !name.startsWith('POSTGRES_'));
    expect(flowhub.filter((name) => !(ENV_VARIABLES as readonly string[]).includes(name))).toEqual(
      [],
    );
  });
});
