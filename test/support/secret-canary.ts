import { createHmac, randomBytes } from 'node:crypto';
import type { ReceivedRequest } from './fake-receiver.js';
import type { RecordingClient } from './secret-canary-sources.js';

/**
 * Canary secrets for the plaintext sweep (issue 15): every secret the test hands Flowhub is a
 * fresh random value registered under its kind, so a hit names what leaked. A value is looked
 * for as itself and as base64/base64url/hex of its bytes (at every byte alignment, so a canary
 * inside a longer encoded string, like HTTP basic auth or a bytea column, is still found).
 */
export type CanaryFormat =
  /** Plain text (`cnry_<hex>`): tokens, passwords, client secrets. */
  | 'text'
  /** `whsec_<base64 of 32 bytes>` (Standard Webhooks, Flowhub's subscriptions). */
  | 'whsec'
  /** base64 of 32 random bytes (an HMAC key given as base64, a master key). */
  | 'base64-key';

export interface Canary {
  kind: string;
  value: string;
  /** The strings whose presence counts as a leak of this canary. */
  forms: { name: string; text: string }[];
}

/** The part of base64(bytes) that does not depend on what precedes the bytes (shift 0-2). */
function alignedBase64(bytes: Buffer, encoding: 'base64' | 'base64url'): string[] {
  return [0, 1, 2].map((shift) => {
    const text = Buffer.concat([Buffer.alloc(shift), bytes])
      .toString(encoding)
      .replace(/=+$/, '');
    return text.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
  });
}

function encodedForms(label: string, bytes: Buffer): Canary['forms'] {
  return [
    ...alignedBase64(bytes, 'base64').map((text, i) => ({ name: `${label} base64@${i}`, text })),
    ...alignedBase64(bytes, 'base64url').map((text, i) => ({
      name: `${label} base64url@${i}`,
      text,
    })),
    { name: `${label} hex`, text: bytes.toString('hex') },
  ];
}

/** The key bytes an encoded secret stands for, when its format has any. */
function keyBytes(format: CanaryFormat, value: string): Buffer | undefined {
  if (format === 'whsec') return Buffer.from(value.slice('whsec_'.length), 'base64');
  if (format === 'base64-key') return Buffer.from(value, 'base64');
  return undefined;
}

export function canaryForms(format: CanaryFormat, value: string): Canary['forms'] {
  const forms = [{ name: 'plaintext', text: value }, ...encodedForms('utf8', Buffer.from(value))];
  const key = keyBytes(format, value);
  if (key) forms.push(...encodedForms('key', key));
  // Duplicates and fragments too short to mean anything (never the case for 24+ byte canaries).
  const seen = new Set<string>();
  return forms.filter(
    (form) => form.text.length >= 16 && !seen.has(form.text) && seen.add(form.text),
  );
}

function mint(format: CanaryFormat): string {
  if (format === 'whsec') return `whsec_${randomBytes(32).toString('base64')}`;
  if (format === 'base64-key') return randomBytes(32).toString('base64');
  return `cnry_${randomBytes(16).toString('hex')}`;
}

/** Every canary of a test, by kind. */
export class CanaryRegistry {
  readonly all: Canary[] = [];

  /** A new random secret of `kind`. */
  mint(kind: string, format: CanaryFormat = 'text'): string {
    return this.add(kind, mint(format), format);
  }

  /** A secret Flowhub or a fake generated (API keys, access tokens, generated secrets). */
  add(kind: string, value: string, format: CanaryFormat = 'text'): string {
    this.all.push({ kind, value, forms: canaryForms(format, value) });
    return value;
  }

  /** The last value minted or added for a kind. */
  valueOf(kind: string): string {
    const found = this.all.filter((canary) => canary.kind === kind).at(-1);
    if (!found) throw new Error(`no canary of kind ${kind}`);
    return found.value;
  }
}

/** What an entry of the canary table gets to set its secrets up and push them through Flowhub. */
export interface CanaryContext {
  api: RecordingClient;
  canaries: CanaryRegistry;
  /** The app's own base URL (FLOWHUB_PUBLIC_URL differs: catch URLs show that one). */
  appUrl: string;
  publicUrl: string;
  /** A loopback receiver for http.request steps and outgoing webhooks. */
  receiverUrl: string;
  /** What the receiver got on paths starting with `path`, oldest first. */
  received(path: string): ReceivedRequest[];
  /** Creates a flow (201 expected); its catch key is registered as a canary. */
  createFlow(definition: Record<string, unknown>): Promise<CreatedFlow>;
  /** Registers the catch key of a flow response (create, rotate-key) as a canary. */
  registerFlow(flow: { id: string; catchUrl: string }): CreatedFlow;
  /** A catch URL (shown with FLOWHUB_PUBLIC_URL) on the app itself. */
  localUrl(catchUrl: string): string;
  /** Starts a run through the catch URL and waits for it to end; returns the run. */
  runThroughCatch(url: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Runs to wait for before the sweep (catch requests an entry did not wait for). */
  pendingRuns: string[];
  /** Outgoing webhook subscriptions whose deliveries the sweep waits for. */
  subscriptions: string[];
  /** Closed after the test (fakes an entry started). */
  cleanup: (() => Promise<void>)[];
}

export interface CreatedFlow {
  id: string;
  /** The catch URL on the app. */
  url: string;
  /** Its path, `/webhook/catch/<flowId>/<key>`. */
  path: string;
}

export interface ConnectionField {
  name: string;
  required: boolean;
  secret: boolean;
  schema: { enum?: string[]; type?: string };
}

/** One row of the table: adding a secret kind to the sweep is one of these. */
export interface CanaryEntry {
  /** What leaks if it is found (prefix of the kinds it mints). */
  kind: string;
  /** `verify:<preset>`, `connection:<plugin>.<field>`: checked against what Flowhub has. */
  covers?: string[];
  run(ctx: CanaryContext): Promise<void>;
}

/** Throws (naming the step and the answer) unless the reply has one of the statuses. */
export function check(
  what: string,
  reply: { status: number; body: unknown },
  ...expected: number[]
) {
  if (!expected.includes(reply.status))
    throw new Error(
      `${what}: expected ${expected.join('/')}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 400)}`,
    );
}

/** Starts a run through a catch URL and throws unless it succeeds. */
export async function expectSucceeded(
  ctx: CanaryContext,
  what: string,
  url: string,
  body: unknown = {},
) {
  const run = await ctx.runThroughCatch(url, body);
  if (run.status !== 'succeeded')
    throw new Error(`${what}: run ${run.status} ${JSON.stringify(run)}`);
}

/** Throws unless the receiver's last request on `path` had the header with this value. */
export function expectReceived(ctx: CanaryContext, path: string, header: string, value: string) {
  const got = ctx.received(path).at(-1)?.headers[header.toLowerCase()];
  if (got !== value)
    throw new Error(`${path}: the receiver got ${header}: ${String(got)}, expected the credential`);
}

/** `sha256=<hex HMAC-SHA256>`, as http.request's `sign` and the http connection's hmac send it. */
export const hmacHex = (secret: string, raw: Buffer) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

/**
 * Replays a finished run as a fresh run (a succeeded run has nothing to retry), so every step
 * sends again with the credential; the new run is waited for before the sweep.
 */
export async function replay(ctx: CanaryContext, runId: string) {
  const replayed = await ctx.api.post(`/api/v1/runs/${runId}/replay`, { mode: 'fresh' });
  check('replay', replayed, 202);
  ctx.pendingRuns.push(replayed.body.id);
}
