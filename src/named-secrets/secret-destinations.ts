/**
 * Named secrets limited to hosts go only where they may: to an action that declares the URL it
 * calls (`destinationInput`), when that URL's host is one of the secret's hosts or a sub-domain.
 */
import { normaliseHostname } from '../common/egress/egress-policy.js';
import { onHostList } from '../connections/endpoint-fields.js';
import { FatalError, type ActionDefinition } from '../plugin-sdk/index.js';

function urlAt(input: unknown, path: string): URL | undefined {
  const value = path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined,
      input,
    );
  try {
    return typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    return undefined;
  }
}

/** Throws a FatalError (nothing is sent) when a limited secret would go elsewhere. */
export function checkSecretDestinations(
  actionName: string,
  action: Pick<ActionDefinition, 'destinationInput'>,
  input: unknown,
  limitedTo: Record<string, string[]> = {},
): void {
  for (const [name, hosts] of Object.entries(limitedTo)) {
    if (!action.destinationInput) {
      throw new FatalError(
        `secret '${name}' may only be sent to ${hosts.join(', ')}, and ${actionName} does not say where it sends data: use it in http.request`,
      );
    }
    const url = urlAt(input, action.destinationInput);
    const host = url && normaliseHostname(url.hostname);
    if (!host || !onHostList(host, hosts)) {
      throw new FatalError(
        `secret '${name}' may only be sent to ${hosts.join(', ')}, not to ${host ?? 'this destination'} (PUT /api/v1/secrets/${name} sets its hosts)`,
      );
    }
  }
}
