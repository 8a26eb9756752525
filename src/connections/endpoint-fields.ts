/**
 * Connection fields that say where the credentials go (ConnectionDefinition.endpointFields):
 * they stay on the plugin's hosts unless the operator allows others, and changing one needs
 * the stored secrets again, so an API key cannot redirect secrets it does not know.
 */
import { isAllowedHost, normaliseHostname } from '../common/egress/egress-policy.js';
import type { ConnectionDefinition } from '@flowhub/plugin-sdk';

export interface FieldProblem {
  path: string;
  message: string;
}

/** `zoho.com` covers zoho.com and every sub-domain of it. */
export function onHostList(host: string, hosts: readonly string[]): boolean {
  return hosts.some((entry) => {
    const wanted = normaliseHostname(entry);
    return host === wanted || host.endsWith(`.${wanted}`);
  });
}

function parse(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return new URL(value.includes('://') ? value : `https://${value}`);
  } catch {
    return undefined;
  }
}

/**
 * An endpoint field outside the plugin's hosts (when it lists hosts) or on plain http, unless
 * the operator allows its host: credentials never go to a foreign host or cross in clear.
 */
function endpointProblem(
  name: string,
  value: unknown,
  hosts: readonly string[] | undefined,
  allowHosts: string[],
): string | undefined {
  const url = parse(value);
  if (!url) return undefined; // the field's own validator reports a malformed URL
  const host = normaliseHostname(url.hostname);
  if (isAllowedHost(host, allowHosts)) return undefined;
  if (hosts && !onHostList(host, hosts)) {
    return (
      `${name} points at ${host}, which is not one of this plugin's hosts (${hosts.join(', ')}): ` +
      `credentials are sent there, so an operator must allow it with FLOWHUB_EGRESS_ALLOW_HOSTS=${host}`
    );
  }
  if (url.protocol !== 'https:') {
    return `${name} must be an https URL (the credentials would cross the network in clear), or an operator allows its host with FLOWHUB_EGRESS_ALLOW_HOSTS=${host}`;
  }
  return undefined;
}

/** Every endpoint field that points outside its plugin's hosts (and the operator's) or is http. */
export function endpointProblems(
  definition: ConnectionDefinition,
  fields: Record<string, unknown>,
  allowHosts: string[],
): FieldProblem[] {
  return Object.entries(definition.endpointFields ?? {}).flatMap(([name, spec]) => {
    const message = endpointProblem(name, fields[name], spec.hosts, allowHosts);
    return message ? [{ path: `fields.${name}`, message }] : [];
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The endpoint fields an update gives with a value other than the stored one. */
export function changedEndpoints(
  definition: ConnectionDefinition,
  stored: Record<string, unknown>,
  given: Record<string, unknown>,
): string[] {
  return Object.keys(definition.endpointFields ?? {}).filter(
    (name) => name in given && !same(given[name], stored[name]),
  );
}

/**
 * The stored secret fields an update must give again because it changes an endpoint field
 * (null counts as given: it removes the secret).
 */
export function secretsToRepeat(
  definition: ConnectionDefinition,
  storedSecrets: string[],
  stored: Record<string, unknown>,
  given: Record<string, unknown>,
): FieldProblem[] {
  const changed = changedEndpoints(definition, stored, given);
  if (changed.length === 0) return [];
  return storedSecrets
    .filter((name) => !(name in given))
    .sort()
    .map((name) => ({
      path: `fields.${name}`,
      message: `${name} must be given again in the same request: changing ${changed.join(' and ')} changes where the credentials are sent`,
    }));
}
