/**
 * The connect-time guard (SEC-1): every connection is judged by the address it really goes
 * to (after DNS, and for literal IPs before connecting), so DNS rebinding and odd spellings of
 * 127.0.0.1 fail. The judge is the save-time one (blockedReason over egress-ranges.ts).
 *
 * - `guarded` agents: every special-purpose range is refused, except FLOWHUB_EGRESS_ALLOW_CIDRS.
 * - `trusted` agents: for host names on FLOWHUB_EGRESS_ALLOW_HOSTS, which may resolve to
 *   internal addresses; they still refuse 0.0.0.0/8 and `::`.
 *
 * Agents know nothing of host names, hence two pairs; the client picks the pair by each hop's
 * host name.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, type AgentOptions, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import { isIP, Socket, type LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import { blockedReason, parseAddress } from './egress-policy.js';

export interface AgentPair {
  http: HttpAgent;
  https: HttpsAgent;
}

export interface EgressAgents {
  guarded: AgentPair;
  trusted: AgentPair;
  destroy(): void;
}

/** Why an address may not be connected to, or undefined. */
export type AddressJudge = (address: string) => string | undefined;

type Connect = (
  options: ClientRequestArgs,
  callback?: ConnectCallback,
) => Duplex | null | undefined;
type ConnectCallback = (err: Error | null, stream: Duplex) => void;

/** Like Node's global agent: reuse connections briefly, TLS certificates always verified. */
const CONNECTION_OPTIONS = {
  keepAlive: true,
  scheduling: 'lifo' as const,
  timeout: 5_000,
  rejectUnauthorized: true,
};

/** The refusal wording refusedAddress() reads back. */
function refusal(address: string, family: number | undefined, host: string, reason: string) {
  return new Error(
    `DNS lookup ${address}(family:${family}, host:${host}) is not allowed: it is ${reason}`,
  );
}

/** dns.lookup (or the caller's lookup) that fails when any resolved address is refused. */
export function guardedLookup(
  judge: AddressJudge,
  base: LookupFunction = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const all: LookupAddress[] = Array.isArray(address)
        ? address
        : [{ address, family: family ?? 0 }];
      for (const entry of all) {
        const reason = judge(entry.address);
        if (reason) return callback(refusal(entry.address, entry.family, hostname, reason), '');
      }
      callback(null, address, family);
    });
  };
}

/** Judges a literal IP host at once, a host name through the guarded lookup. */
function guardedConnect(
  judge: AddressJudge,
  connect: Connect,
  options: ClientRequestArgs,
  callback?: ConnectCallback,
): Duplex | null | undefined {
  const host = options.host ?? options.hostname ?? undefined;
  const reason = host && isIP(host) ? judge(host) : undefined;
  if (host && reason) {
    const error = refusal(host, isIP(host), host, reason);
    const socket = new Socket();
    if (callback) callback(error, socket);
    else socket.destroy(error);
    return socket;
  }
  const lookup = guardedLookup(judge, (options as { lookup?: LookupFunction }).lookup);
  return connect({ ...options, lookup } as ClientRequestArgs, callback);
}

export class GuardedHttpAgent extends HttpAgent {
  constructor(
    options: AgentOptions,
    private readonly judge: AddressJudge,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectCallback) {
    return guardedConnect(this.judge, (o, c) => super.createConnection(o, c), options, callback);
  }
}

export class GuardedHttpsAgent extends HttpsAgent {
  constructor(
    options: AgentOptions,
    private readonly judge: AddressJudge,
  ) {
    super(options);
  }

  override createConnection(options: RequestOptions, callback?: ConnectCallback) {
    return guardedConnect(this.judge, (o, c) => super.createConnection(o, c), options, callback);
  }
}

/** Only 0.0.0.0/8 and `::` (they mean "this host"): for host names the operator opened. */
const metaOnly: AddressJudge = (address) =>
  parseAddress(address)?.range() === 'unspecified' ? 'an unspecified address' : undefined;

function pair(judge: AddressJudge): AgentPair {
  return {
    http: new GuardedHttpAgent(CONNECTION_OPTIONS, judge),
    https: new GuardedHttpsAgent(CONNECTION_OPTIONS, judge),
  };
}

export function createEgressAgents(allowCidrs: string[]): EgressAgents {
  const guarded = pair((address) => blockedReason(address, allowCidrs));
  const trusted = pair(metaOnly);
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

/** The guard's refusal: `DNS lookup 10.0.0.1(family:4, host:x) is not allowed: ...`. */
export function refusedAddress(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const match = /DNS lookup (\S+?)\(family:[^)]*\) is not allowed/.exec(current.message);
    if (match) return match[1];
  }
  return undefined;
}
