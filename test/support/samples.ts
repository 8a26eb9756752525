import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Sample {
  method: string;
  contentType: string;
  headers: Record<string, string>;
  body: unknown;
  signing: { preset: string; secret: string; header?: string };
}

/** A real sender's request, from test/fixtures/samples (kept in the repository: a clone has nothing beside it). */
export function sample(name: string): Sample {
  return JSON.parse(
    readFileSync(join(process.cwd(), 'test', 'fixtures', 'samples', `${name}.json`), 'utf8'),
  ) as Sample;
}
