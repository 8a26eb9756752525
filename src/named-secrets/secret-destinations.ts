/**
 * Named secrets go only where they may: to an action that declares the URL it calls
 * (`destinationInput`), when that URL's origin (scheme, host, port) is one the secret is bound
 * to. Checked on the input the action is about to get, before anything is sent or recorded.
 */
import { FatalError, type ActionDefinition } from '@flowhub/plugin-sdk';
import { originOfUrl } from './secret-origins.js';
import { links } from '../common/links.js';

function valueAt(input: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined,
      input,
    );
}

function originAt(input: unknown, path: string): string | undefined {
  const url = valueAt(input, path);
  return typeof url === 'string' ? originOfUrl(url) : undefined;
}

/**
 * Throws a FatalError (nothing is sent) when a secret would go elsewhere. `input` is what the
 * action would get; the message names the destination of `shown` (the input as recorded, with
 * secrets as marks), since a URL built from a secret must not appear in an error.
 */
export function checkSecretDestinations(
  actionName: string,
  action: Pick<ActionDefinition, 'destinationInput'>,
  input: unknown,
  boundTo: Record<string, string[]> = {},
  shown: unknown = input,
): void {
  for (const [name, origins] of Object.entries(boundTo)) {
    if (!action.destinationInput) {
      throw new FatalError(
        `secret '${name}' may only be sent to ${origins.join(', ')}, and ${actionName} does not say where it sends data: use it in http.request`,
      );
    }
    const origin = originAt(input, action.destinationInput);
    if (!origin || !origins.includes(origin)) {
      const named = originAt(shown, action.destinationInput);
      const where = named && named === origin ? named : 'this destination';
      throw new FatalError(
        `secret '${name}' may only be sent to ${origins.join(', ')}, not to ${where}; nothing was sent (PUT ${links.secret(name)} sets its hosts)`,
      );
    }
  }
}
