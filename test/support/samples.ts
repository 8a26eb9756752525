import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Sample {
  method: string;
  contentType: string;
  headers: Record<string, string>;
  body: unknown;
  signing: { preset: string; secret: string; header?: string };
}

/** A real sender's request from ../shared/samples (read-only shared material). */
export function sample(name: string): Sample {
  return JSON.parse(
    readFileSync(join(process.cwd(), '..', 'shared', 'samples', `${name}.json`), 'utf8'),
  ) as Sample;
}
