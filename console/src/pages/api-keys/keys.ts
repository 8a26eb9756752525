import type { components } from '../../api/schema';
import type { Role } from '../../roles';

export type ApiKey = components['schemas']['ApiKeyDto'];
export type CreatedApiKey = components['schemas']['CreatedApiKeyDto'];

/** The roles a new key may get, least first, each with what it may do (as the API enforces). */
export const ROLE_CHOICES: { role: Role; text: string }[] = [
  {
    role: 'viewer',
    text: 'reads flows, runs, webhooks, connections and plugins; changes nothing',
  },
  {
    role: 'operator',
    text: 'also replays and cancels runs, and pauses and activates flows',
  },
  {
    role: 'admin',
    text: 'everything: flows, webhooks, connections, secrets and API keys',
  },
];

export interface KeyFormValues {
  name: string;
  role: Role;
}

export const EMPTY_KEY_FORM: KeyFormValues = { name: '', role: 'viewer' };

/** What is wrong with the name, or undefined (the API takes 1 to 100 characters). */
export function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Name the key after what will use it, e.g. "ci-deployer".';
  if (trimmed.length > 100) return `The name has ${trimmed.length} characters; at most 100.`;
  return undefined;
}

/** The body of POST /api/v1/api-keys. */
export function createBody(values: KeyFormValues) {
  return { name: values.name.trim(), role: values.role };
}

/** What revoking a key does, for the confirmation. */
export function revokeWarning(key: ApiKey, ownKeyId: string | undefined): string {
  const own =
    key.id === ownKeyId ? ' This is the key you are signed in with: you will be signed out.' : '';
  return `Requests with ${key.name} (${key.hint}) are refused from now on, and every console session signed in with it ends at once.${own}`;
}
