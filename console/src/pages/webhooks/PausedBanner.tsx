import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import { formatTime } from '../../format';
import { subscriptionState } from './state';
import type { Webhook } from './types';
import { useRefreshWebhook } from './useWebhooks';

/**
 * A paused subscription says so at the top, with why (auto-paused: Flowhub disabled it after
 * failed deliveries or a 410) and, for admins, Re-enable (which also clears its failures).
 */
export function PausedBanner({ webhook, admin }: { webhook: Webhook; admin: boolean }) {
  const refresh = useRefreshWebhook();
  const enable = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/webhooks/{id}', {
          params: { path: { id: webhook.id } },
          body: { isActive: true },
        }),
      ),
    onSuccess: () => refresh(webhook.id),
  });
  const state = subscriptionState(webhook);
  if (state.kind === 'active') return null;
  return (
    <div className={`wh-banner wh-banner-${state.kind}`}>
      <p>
        <strong>{state.kind === 'auto-paused' ? 'Auto-paused' : 'Paused'}</strong>
        {state.kind === 'auto-paused' && ' by Flowhub'}
        {state.since && ` on ${formatTime(state.since)}`}
        {state.kind === 'auto-paused' ? `: ${state.reason}.` : '.'} New events are not delivered to
        this URL until it is re-enabled.
      </p>
      {admin && (
        <button
          type="button"
          className="primary"
          disabled={enable.isPending}
          onClick={() => enable.mutate()}
        >
          Re-enable
        </button>
      )}
      {enable.error && (
        <p className="error" role="alert">
          {enable.error.message}
        </p>
      )}
    </div>
  );
}
