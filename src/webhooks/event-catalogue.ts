/** Every event Flowhub sends to subscribed URLs (GET /webhooks/events/available). */
export const EVENT_CATALOGUE = {
  'run.succeeded': 'A run finished and every step succeeded (or was skipped)',
  'run.failed': 'A run failed: data names the failed step and its error',
  'run.held': 'A request reached a paused flow and is held until the flow is activated',
  'step.failed': 'A step failed after its last attempt (also when the flow continues past it)',
  'issue.opened':
    'Failures of one flow step with one error code (or message) were grouped into a new issue',
  'issue.reopened': 'A resolved issue failed again (or was set back to open)',
  'issue.resolved':
    'An issue was resolved: by its step succeeding in FLOWHUB_ISSUE_RESOLVE_AFTER runs after its last failure, or by a person',
  'flow.failing':
    "A flow's last FLOWHUB_FLOW_FAILING_AFTER finished runs all failed (once per streak: a success ends it)",
  'flow.created': 'A flow was created',
  'flow.updated': 'A flow got a new version',
  'flow.deleted': 'A flow was deleted',
  'flow.paused': 'A flow was paused: its catch URL holds requests',
  'flow.activated': 'A flow was activated: held requests run in arrival order',
  'request.rejected':
    'A catch URL refused requests (signature, allowlist, rate limit, limits): at most one event per flow and reason per minute, with the count',
  'webhook.test': 'Sent by POST /webhooks/:id/test',
  'webhook.disabled':
    'A subscription was disabled after failed deliveries or a 410 answer (sent to the other subscriptions)',
} as const;

export type EventName = keyof typeof EVENT_CATALOGUE;
export const EVENT_NAMES = Object.keys(EVENT_CATALOGUE) as EventName[];
