import type { Plugin } from './types';

/** Plugins with a "Connect with" sign-in, grouped by provider ("Zoho" for Zoho CRM and Inventory). */
export function providersOf(plugins: Plugin[]): { provider: string; plugins: Plugin[] }[] {
  const groups = new Map<string, Plugin[]>();
  for (const plugin of plugins) {
    if (!plugin.connection?.authorization) continue;
    const provider = plugin.displayName.split(/\s+/)[0] || plugin.name;
    groups.set(provider, [...(groups.get(provider) ?? []), plugin]);
  }
  return [...groups].map(([provider, list]) => ({ provider, plugins: list }));
}

/** The fields the sign-in takes before leaving, as the plugin declares them. */
export function startFieldsOf(plugin: Plugin) {
  const names = plugin.connection?.authorization?.startFields ?? [];
  return (plugin.connection?.fields ?? []).filter((field) => names.includes(field.name));
}

/** Where the provider sends the browser back (unless FLOWHUB_PUBLIC_URL names another origin). */
export const callbackUrl = (origin: string) => `${origin}/oauth/callback`;

/** The outcome the OAuth callback put in the URL (/connections?connected=<id> or ?connectError=). */
export function oauthReturn(search: string): { connected?: string; error?: string } | undefined {
  const query = new URLSearchParams(search);
  const connected = query.get('connected');
  const error = query.get('connectError');
  if (connected) return { connected };
  if (error) return { error };
  return undefined;
}
