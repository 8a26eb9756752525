import { JsonBlock } from '../../components/JsonBlock';
import { formatDuration, formatTime, prettyJson } from '../../format';
import { excerpt } from './state';
import type { DeliveryAttempt } from './types';

function Response({ attempt }: { attempt: DeliveryAttempt }) {
  if (attempt.status === 0)
    return (
      <p className="error">
        No answer ({attempt.errorClass ?? 'error'}): {attempt.error}
      </p>
    );
  return (
    <>
      <p>
        Status <strong className="mono">{attempt.status}</strong>
      </p>
      {attempt.responseHeaders && (
        <JsonBlock label="Response headers" value={attempt.responseHeaders} />
      )}
      <p className="wh-label">Response body (first 20 KB kept)</p>
      <pre className="wh-excerpt" tabIndex={0}>
        {attempt.responseBody ? prettyJson(attempt.responseBody) : excerpt(null)}
      </pre>
    </>
  );
}

/** One attempt: when, how long, the request headers sent and the response that came back. */
export function AttemptDetail({ attempt }: { attempt: DeliveryAttempt }) {
  return (
    <li className="wh-attempt">
      <h4>
        Attempt {attempt.attempt} <span className="tag">{attempt.trigger}</span>
      </h4>
      <p className="muted">
        {formatTime(attempt.startedAt)} · {formatDuration(attempt.durationMs)}
        {attempt.nextAttemptAt && <> · next attempt {formatTime(attempt.nextAttemptAt)}</>}
      </p>
      <div className="wh-exchange">
        <div>
          <p className="wh-label">Request</p>
          <JsonBlock label="Request headers" value={attempt.requestHeaders} />
        </div>
        <div>
          <p className="wh-label">Response</p>
          <Response attempt={attempt} />
        </div>
      </div>
    </li>
  );
}
