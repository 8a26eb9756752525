/**
 * The only Flowhub module a plugin imports: plugins never see JSONata, Nest, TypeORM or
 * BullMQ. A plugin is a plain object made by definePlugin; each action by defineAction.
 */
import type { RetryPolicyInput } from '../engine/flow-definition.js';
import type { HttpClient } from './http-client.js';

export { FatalError, RetryableError } from '../engine/step-errors.js';
export { EgressBlockedError, HttpStatusError } from './http-client.js';
export type { HttpClient, HttpRequest, HttpResponse } from './http-client.js';
export { isCredentialHeader } from '../common/credential-headers.js';
export { isCredentialQueryKey } from './credential-query-keys.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClassType<T = any> = new (...args: any[]) => T;

export interface ActionLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Returned by `ctx.sleepUntil()`: the step is parked and resumed by a delayed job. */
export interface SleepRequest {
  readonly sleepUntil: Date;
}

export interface ActionContext<Input = unknown, Connection = Record<string, unknown>> {
  /** Validated input (an instance of the action's input class). */
  input: Input;
  /** Decrypted connection fields, when the step names a connection. */
  connection?: Connection;
  /** The egress HTTP client: timeouts, SSRF guard, capped bodies. */
  http: HttpClient;
  log: ActionLogger;
  /** `<runId>:<stepId>` (`:<index>` per forEach item): stable across retries, re-drives and replays of this run (only a `fresh` replay gets new keys). */
  idempotencyKey: string;
  /** Aborted when the step's timeoutMs passes. */
  signal: AbortSignal;
  run: { id: string; flowId: string; flowVersion: number; stepId: string; attempt: number };
  /** Set when this step slept before (`sleepUntil`) and is now resumed. */
  wokeAt?: Date;
  /** OAuth2 access for plugins whose connection declares `oauth2` (the host caches tokens). */
  auth?: OAuth2Access;
  /** Park the step until `until` without holding a worker; return the result. */
  sleepUntil(until: Date): SleepRequest;
}

export interface ActionDefinition<Input = unknown, Output = unknown> {
  displayName: string;
  description: string;
  /** A class-validator class; the host validates the mapped input against it. */
  input: ClassType<Input>;
  /** false for reads: dry-run mode still calls the action. */
  sideEffects: boolean;
  /** Accept fields the input class does not declare (e.g. core.transform). Default false. */
  allowUnknownInput?: boolean;
  /** Dot paths of input fields that are secrets (e.g. 'sign.secret'): never stored or shown. */
  secretInputs?: string[];
  /**
   * Dot paths of header maps in the input (e.g. 'headers'): credential headers there
   * (isCredentialHeader) are moved into named secrets when a flow is saved and redacted in
   * run records.
   */
  credentialHeaderInputs?: string[];
  /**
   * Dot paths of query maps in the input (e.g. 'query'): credential parameters there
   * (isCredentialQueryKey: api_key, token, signature...) are moved into named secrets when a
   * flow is saved and redacted in run records, as credential headers are.
   */
  credentialQueryInputs?: string[];
  /**
   * Dot path of the URL the action calls (http.request: 'url'). Only actions that declare it
   * may use named secrets, and only when that URL's origin is one the secret is bound to.
   */
  destinationInput?: string;
  /** Default retry policy; a step's `retry` overrides it. */
  retry?: RetryPolicyInput;
  /**
   * Side-effect actions only: what a dry-run records as the skipped step's output (marked as
   * a sample), so later steps' mappings have fields to read. A value, or made from the input.
   */
  sampleOutput?: Output | ((input: Input) => Output);
  run(ctx: ActionContext<Input>): Promise<Output | SleepRequest>;
}

/** An access token with what the provider said alongside it (e.g. Zoho's api_domain). */
export interface OAuth2Token {
  accessToken: string;
  extra: Record<string, string>;
}

export interface OAuth2Access {
  /** A valid token: cached (encrypted) until shortly before expiry, refreshed once per connection. */
  token(): Promise<OAuth2Token>;
  /** The provider refused `stale` (401): get a fresh token (one refresh, however many ask). */
  refresh(stale: string): Promise<OAuth2Token>;
}

export interface OAuth2Definition {
  /** Exchange the connection's long-lived credentials for an access token. */
  refresh(ctx: { connection: Record<string, unknown>; http: HttpClient }): Promise<{
    accessToken: string;
    expiresInSeconds: number;
    extra?: Record<string, string>;
  }>;
}

/** A connection field that says where the credentials are sent (a URL or a host name). */
export interface EndpointField {
  /**
   * The hosts it may name: `zoho.com` allows zoho.com and every sub-domain, over https only.
   * Unset: any host the egress guard allows. The operator opens others with
   * FLOWHUB_EGRESS_ALLOW_HOSTS (e.g. a self-hosted gateway, a test fake on loopback).
   */
  hosts?: readonly string[];
}

export interface ConnectionDefinition {
  /** Set for OAuth2 refresh-token connections: the host then gives actions `ctx.auth`. */
  oauth2?: OAuth2Definition;
  fields: ClassType;
  /** Fields holding secrets: encrypted at rest, write-only in the API, never logged. */
  secretFields?: string[];
  /**
   * Fields naming where the secrets go (URLs or hosts). Changing one needs every stored
   * secret field again in the same request, so the secrets cannot be sent somewhere new by
   * someone who does not know them.
   */
  endpointFields?: Record<string, EndpointField>;
  /**
   * Forms the secrets take on the wire (e.g. basic auth's `Basic base64(user:pass)`), by a
   * name of your choosing: run records redact them as they redact the secret fields.
   */
  derivedSecrets?: (fields: Record<string, unknown>) => Record<string, string>;
  /** Steps of this plugin may run without a connection (e.g. http.request). Default false. */
  optional?: boolean;
  test?: (ctx: { connection: Record<string, unknown>; http: HttpClient }) => Promise<void>;
}

export interface PluginDefinition {
  /** kebab-case, equals the folder name, unique */
  name: string;
  /** semver */
  version: string;
  displayName: string;
  description?: string;
  connection?: ConnectionDefinition;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  actions: Record<string, ActionDefinition<any, any>>;
}

export function definePlugin<P extends PluginDefinition>(plugin: P): P {
  return plugin;
}

export function defineAction<Input, Output>(
  action: ActionDefinition<Input, Output>,
): ActionDefinition<Input, Output> {
  return action;
}

export function isSleepRequest(value: unknown): value is SleepRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as SleepRequest).sleepUntil instanceof Date &&
    Object.keys(value).length === 1
  );
}
