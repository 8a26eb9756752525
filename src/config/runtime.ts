import type { SecretBox } from '../secrets/secret-box.js';
import type { AppConfig } from './load-config.js';

/** What boot resolved before Nest starts: validated config, the database URL, the secret box. */
export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  secretBox: SecretBox;
}

export const RUNTIME = Symbol('RUNTIME');
