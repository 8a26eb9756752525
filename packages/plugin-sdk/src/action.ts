/** An action: what a flow step calls (`<plugin>.<action>`), made with defineAction. */
import type { InputFields } from './fields.js';
import type { HttpClient } from './http-client.js';
import type { OAuth2Access } from './oauth.js';
import type { RetryPolicyInput } from './retry.js';

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
  /**
   * Descriptions, examples and URL flags of input fields, by dot path: GET /plugins shows
   * them, and every field with `url: true` is checked against the egress guard when a flow
   * is saved (as http.request's `url` is).
   */
  inputFields?: InputFields;
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
