import { JsonBlock } from '../../components/JsonBlock';
import { formatTime } from '../../format';
import { attemptOutcome, excerpt } from './state';
import type { TestPing } from './types';

/** What the test event got: status (or why no answer came), time, and the response's start. */
export function TestPingResult({ result }: { result: TestPing }) {
  const answered = result.status !== 0;
  const ok = result.status >= 200 && result.status < 300;
  return (
    <div role="status" className={`wh-panel wh-test ${ok ? 'wh-test-ok' : 'wh-test-bad'}`}>
      <p>
        <strong>Test event: {attemptOutcome(result)}</strong>{' '}
        <span className="muted">sent {formatTime(result.startedAt)}</span>
      </p>
      {!answered && <p className="error">{result.error}</p>}
      {answered && (
        <>
          <p className="wh-label">Response body</p>
          <pre className="wh-excerpt" tabIndex={0}>
            {excerpt(result.responseBody, 2000)}
          </pre>
          {result.responseHeaders && (
            <JsonBlock label="Response headers" value={result.responseHeaders} />
          )}
        </>
      )}
      <p className="muted">{result.note}</p>
    </div>
  );
}
