import type { Flow } from '../../api/client';
import { CopyButton } from '../../components/CopyButton';
import { StatusBadge } from '../../components/StatusBadge';
import { formatTime } from '../../format';

function VerifyFacts({ flow }: { flow: Flow }) {
  const verify = flow.definition.trigger.verify;
  if (!verify) return null;
  const previous = flow.verifySecrets.slice(1);
  return (
    <>
      <dt>Signature check</dt>
      <dd>
        <span className="mono">{verify.preset}</span>
        {flow.verifySecrets[0] && (
          <span className="muted"> · secret set {formatTime(flow.verifySecrets[0].addedAt)}</span>
        )}
        {previous.map((secret) => (
          <div key={secret.addedAt} className="muted">
            previous secret accepted until {formatTime(secret.expiresAt)}
          </div>
        ))}
      </dd>
    </>
  );
}

/** Status, version, the catch URL with its copy button, and the signature check. */
export function FlowFacts({ flow }: { flow: Flow }) {
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={flow.status} />
        {flow.status === 'paused' && (
          <span className="muted"> requests are kept as held runs until it is activated</span>
        )}
      </dd>
      <dt>Version</dt>
      <dd>
        {flow.version} <span className="muted">· saved {formatTime(flow.updatedAt)}</span>
      </dd>
      <dt>Catch URL</dt>
      <dd>
        <code className="mono catch-url">{flow.catchUrl}</code>{' '}
        <CopyButton value={flow.catchUrl} label="Copy catch URL" />
        <div className="field-hint">
          Senders POST (or PUT) here. The key in it is a secret: rotate it if it leaks.
          {flow.previousCatchUrlExpiresAt &&
            ` The previous URL works until ${formatTime(flow.previousCatchUrlExpiresAt)}.`}
        </div>
      </dd>
      <VerifyFacts flow={flow} />
      {flow.description && (
        <>
          <dt>Description</dt>
          <dd>{flow.description}</dd>
        </>
      )}
    </dl>
  );
}
