/**
 * The connect-time guard (SEC-1): request-filtering-agent checks the address a connection
 * actually goes to (after DNS), so DNS rebinding and odd spellings of 127.0.0.1 fail.
 *
 * - `guarded` agents: everything but public unicast is refused, except FLOWHUB_EGRESS_ALLOW_CIDRS.
 * - `trusted` agents: for host names on FLOWHUB_EGRESS_ALLOW_HOSTS, which may resolve to
 *   internal addresses; still request-filtering agents, still refusing 0.0.0.0 and `::`.
 *
 * request-filtering-agent knows nothing of host names, hence two pairs; the client picks the
 * pair by each hop's host name.
 */
import type ipaddr from 'ipaddr.js';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { parseCidr } from './egress-policy.js';

export interface AgentPair {
  http: HttpAgent;
  https: HttpsAgent;
}

export interface EgressAgents {
  guarded: AgentPair;
  trusted: AgentPair;
  destroy(): void;
}

/** Like Node's global agent: reuse connections briefly, TLS certificates always verified. */
const CONNECTION_OPTIONS = {
  keepAlive: true,
  scheduling: 'lifo' as const,
  timeout: 5_000,
  rejectUnauthorized: true,
};

/**
 * request-filtering-agent matches a bare address by string equality and a CIDR with
 * ipaddr.js. Single-host ranges are given as bare addresses (plus the IPv4-mapped spelling
 * of an IPv4 host), which also spares its warning when the address family differs.
 */
export function agentAllowList(allowCidrs: string[]): string[] {
  return allowCidrs.flatMap((entry) => {
    const cidr = parseCidr(entry);
    if (!cidr) return [];
    const [address, bits] = cidr;
    const full = address.kind() === 'ipv4' ? 32 : 128;
    if (bits < full) return [`${address.toString()}/${bits}`];
    if (address.kind() === 'ipv6') return [address.toString()];
    const v4 = address as ipaddr.IPv4;
    return [v4.toString(), v4.toIPv4MappedAddress().toString()];
  });
}

export function createEgressAgents(allowCidrs: string[]): EgressAgents {
  const guard = { allowIPAddressList: agentAllowList(allowCidrs), allowPrivateIPAddress: false };
  const trust = { allowPrivateIPAddress: true, allowMetaIPAddress: false };
  const guarded = {
    http: new RequestFilteringHttpAgent({ ...CONNECTION_OPTIONS, ...guard }),
    https: new RequestFilteringHttpsAgent({ ...CONNECTION_OPTIONS, ...guard }),
  };
  const trusted = {
    http: new RequestFilteringHttpAgent({ ...CONNECTION_OPTIONS, ...trust }),
    https: new RequestFilteringHttpsAgent({ ...CONNECTION_OPTIONS, ...trust }),
  };
  return {
    guarded,
    trusted,
    destroy: () => {
      for (const agent of [guarded.http, guarded.https, trusted.http, trusted.https]) {
        agent.destroy();
      }
    },
  };
}

/** request-filtering-agent's refusal: `DNS lookup 10.0.0.1(family:4, host:x) is not allowed.` */
export function refusedAddress(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const match = /DNS lookup (\S+?)\(family:[^)]*\) is not allowed/.exec(current.message);
    if (match) return match[1];
  }
  return undefined;
}
