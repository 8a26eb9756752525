/**
 * What happened in Flowhub, as its owners announce it: each event is emitted by the one module
 * that owns the fact (runs/ for run and step states, flows/ for flows, catch/ for refusals) and
 * subscribed to by whoever reacts (webhooks/, stats/, issues/). Payloads carry ids
 * and small summaries, never secrets.
 */
export interface FlowSummary {
  id: string;
  name: string;
  version: number;
  status: string;
}

/** An issue (failed steps of one flow and step with one error) as its events carry it. */
export interface IssueSummary {
  id: string;
  flowId: string;
  flowName: string;
  stepId: string;
  action: string;
  errorCode: string | null;
  message: string;
  status: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  exampleRunIds: string[];
  /** How often it recurred after being resolved (part of the reopened event's key). */
  reopened: number;
  statusChangedAt: string;
}

export interface DomainEventMap {
  /** A run finished and every step succeeded or was skipped. */
  'run.succeeded': { runId: string };
  /** A run failed (a step failed without onError continue, or its trigger filter threw). */
  'run.failed': { runId: string };
  /** A request reached a paused flow: its run is held until the flow is activated. */
  'run.held': { runId: string };
  /** A step failed after its last attempt (also when the flow continues past it). */
  'step.failed': { runId: string; stepId: string; error: string; attempts: number };
  'flow.created': { flow: FlowSummary };
  'flow.updated': { flow: FlowSummary };
  'flow.deleted': { flow: FlowSummary };
  'flow.paused': { flow: FlowSummary };
  'flow.activated': { flow: FlowSummary };
  /** Refusals of one reason at a flow's catch URL since the last such event. */
  'request.rejected': { flowId: string; reason: string; count: number };
  /** A delivery the catch URL answered with the run of its dedupe key (a sender's retry). */
  'request.duplicate': { flowId: string };
  /** Failed steps grouped into an issue (src/issues/): a new one, a recurrence after it was resolved, resolved. */
  'issue.opened': { issue: IssueSummary };
  'issue.reopened': { issue: IssueSummary };
  'issue.resolved': { issue: IssueSummary; by: 'successes' | 'user' };
  /** A flow's last N finished runs all failed (FLOWHUB_FLOW_FAILING_AFTER), once per streak. */
  'flow.failing': { flow: { id: string; name: string }; runId: string; failedRuns: number };
}

export type DomainEventName = keyof DomainEventMap;

/** One occurrence: its name and payload, typed together. */
export type DomainEvent<K extends DomainEventName = DomainEventName> = {
  [N in K]: { name: N; payload: DomainEventMap[N] };
}[K];

/**
 * Events written to the outbox in the same transaction (or statement) as their fact, so a
 * crash between the commit and the subscribers cannot lose them. The others are in-process.
 */
export const DURABLE_EVENTS = ['run.succeeded', 'run.failed', 'run.held', 'step.failed'] as const;
export type DurableEventName = (typeof DURABLE_EVENTS)[number];

/** A durable event as its owner hands it to the outbox: written only if someone wants it. */
export type OutboxEvent = DomainEvent<DurableEventName>;
