import type { DedupeDefinition, VerifyDefinition } from './verify-presets.js';

/** The flow JSON of product.md, as the engine sees it (already shape-checked by the DTOs). */
export type FlowMode = 'live' | 'dry-run';
export type OnError = 'fail' | 'continue';
export type Backoff = 'fixed' | 'exponential';

export interface RetryPolicyInput {
  attempts?: number;
  backoff?: Backoff;
  delayMs?: number;
  maxDelayMs?: number;
}

export interface TriggerDefinition {
  /** `webhook`: a catch URL starts the flow; `schedule`: its clock does (ScheduleDefinition). */
  type: 'webhook' | 'schedule';
  /** schedule: a cron expression (5 or 6 fields), in `timezone` (default UTC). */
  cron?: string;
  timezone?: string;
  /** schedule: a fixed interval instead of cron (30s, 15m, 1d). */
  every?: string;
  /** schedule: while a run is unfinished a tick is skipped (default) or one waits behind it. */
  overlap?: 'skip' | 'queue';
  /** schedule: after downtime, no run for missed ticks (default) or one for the latest. */
  catchUp?: 'none' | 'last';
  /** Signature or token check at the catch URL (its secret is kept apart, encrypted). */
  verify?: VerifyDefinition;
  /**
   * VER-2: what identifies a delivery: a JSONata expression over `$trigger`, `{header}`, or
   * `false` for none. Default: the verify preset's delivery id, if any.
   */
  dedupe?: DedupeDefinition;
  /** JSONata, boolean: false stores the request and ends the run as `filtered`. */
  filter?: string;
  /**
   * Answer a sender's URL check before anything is stored: `slack` echoes the `challenge` of a
   * `url_verification` event, `echo-challenge` echoes any body field `challenge`.
   */
  handshake?: 'slack' | 'echo-challenge';
  /** ING-4: only these client IPs or CIDR ranges may post (IPv4, IPv6; mapped forms match). */
  allowIps?: string[];
  /** ING-1: largest body this flow accepts, in bytes (at most FLOWHUB_CATCH_BODY_LIMIT). */
  maxBodyBytes?: number;
  /**
   * Issue 21: `sync` makes the catch URL wait (at most timeoutMs, default 10 s, at most 30 s)
   * for the run and answer with a step's output (`from`; default the last core.respond step,
   * else the last step to finish); past the timeout it answers 202 as `async` (default) does.
   */
  respond?: RespondDefinition;
  /** ING-3: requests per second (with a burst) this catch URL accepts; default 50/s, burst 100. */
  rateLimit?: { perSecond: number; burst?: number };
}

export interface RespondDefinition {
  mode: 'async' | 'sync';
  timeoutMs?: number;
  from?: string;
}

/** trigger.respond.timeoutMs: the default and the most a sender is kept waiting. */
export const RESPOND_TIMEOUT_MS = { default: 10_000, max: 30_000 } as const;

export interface StepDefinition {
  id: string;
  /** `<plugin>.<action>` */
  action: string;
  connection?: string;
  input?: Record<string, unknown>;
  /** JSONata returning an object, deep-merged over `input`. */
  map?: string;
  /** JSONata, boolean: false skips the step. */
  when?: string;
  /** JSONata, array: the action runs once per item. */
  forEach?: string;
  retry?: RetryPolicyInput;
  onError?: OnError;
  timeoutMs?: number;
}

/**
 * How long this flow's requests, runs and steps are kept (issue 19): `days` overrides
 * FLOWHUB_RETENTION_DAYS; failed runs (and their requests and steps) are kept `keepFailedDays`,
 * never less than `days`.
 */
export interface RetentionDefinition {
  days?: number;
  keepFailedDays?: number;
}

export interface FlowDefinition {
  name: string;
  description?: string;
  mode?: FlowMode;
  trigger: TriggerDefinition;
  steps: StepDefinition[];
  retention?: RetentionDefinition;
}

/** What `$trigger` holds in every expression. */
export interface TriggerData {
  body: unknown;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  method: string;
  receivedAt: string;
  contentType: string | null;
  /** A scheduled run's tick (ISO 8601): the time it was due, not when it started. */
  scheduledAt?: string;
}

/** What `$run` holds in every expression. */
export interface RunData {
  id: string;
  flowId: string;
  flowVersion: number;
}
