import { formatTime } from '../../format';
import { MAX_CONSECUTIVE_FAILURES, STATE_LABEL, subscriptionState } from './state';
import type { Webhook } from './types';

/** active / paused / auto-paused as a badge, with why it was paused. */
export function WebhookState({ webhook, detail }: { webhook: Webhook; detail?: boolean }) {
  const state = subscriptionState(webhook);
  return (
    <>
      <span className={`status wh-state-${state.kind}`}>{STATE_LABEL[state.kind]}</span>
      {state.kind === 'auto-paused' && <span className="wh-reason">{state.reason}</span>}
      {state.kind === 'active' && state.failures > 0 && (
        <span className="warning wh-reason">
          {state.failures} of {MAX_CONSECUTIVE_FAILURES} failed deliveries in a row before it is
          paused
        </span>
      )}
      {detail && state.kind !== 'active' && state.since && (
        <span className="muted wh-reason">since {formatTime(state.since)}</span>
      )}
    </>
  );
}
