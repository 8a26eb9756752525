import { useId } from 'react';
import { formatBytes, formatTime } from '../../../format';
import { parsePayload, previewBody, type Source, type StoredRequest } from './logic';

interface Props {
  /** Names the radio groups apart when two pickers share a page. */
  name: string;
  source: Source;
  requests: StoredRequest[];
  loaded: boolean;
  onChange(source: Source): void;
}

/** The newest past requests, one radio each: time, size and a preview of the body. */
function RequestList({ name, source, requests, loaded, onChange }: Props) {
  if (!loaded) return <p className="muted">Loading past requests…</p>;
  if (requests.length === 0)
    return (
      <p className="muted">
        No request yet: post one to the flow&apos;s catch URL, or paste a payload.
      </p>
    );
  const chosen = source.kind === 'request' ? source.requestId : '';
  return (
    <fieldset className="request-list">
      <legend>Past requests, newest first</legend>
      {requests.map((request) => (
        <label key={request.id} className="request-option">
          <input
            type="radio"
            name={`${name}-request`}
            value={request.id}
            checked={chosen === request.id}
            onChange={() => onChange({ kind: 'request', requestId: request.id })}
          />
          <span>{formatTime(request.receivedAt)}</span>
          <span className="muted">{formatBytes(request.size)}</span>
          <code className="mono preview">{previewBody(request.body)}</code>
        </label>
      ))}
    </fieldset>
  );
}

/** A JSON textarea checked as you type: the problem and its line and column, before sending. */
export function PayloadField({
  text,
  onChange,
  label = 'Payload (JSON, as the sender would POST it)',
  optional,
  rows = 8,
}: {
  text: string;
  onChange(text: string): void;
  label?: string;
  /** Empty is fine: the value is left out. */
  optional?: string;
  rows?: number;
}) {
  const id = useId();
  const parsed: ReturnType<typeof parsePayload> =
    optional && text.trim() === '' ? { ok: true, value: undefined } : parsePayload(text);
  const fine = optional && text.trim() === '' ? optional : 'Valid JSON';
  const where =
    !parsed.ok && parsed.line !== undefined
      ? ` (line ${parsed.line}, column ${parsed.column})`
      : '';
  return (
    <label>
      {label}
      <textarea
        rows={rows}
        spellCheck={false}
        value={text}
        aria-invalid={!parsed.ok}
        aria-describedby={`${id}-check`}
        onChange={(event) => onChange(event.target.value)}
      />
      <span id={`${id}-check`} className={parsed.ok ? 'field-hint' : 'field-error'}>
        {parsed.ok ? fine : `${parsed.message}${where}`}
      </span>
    </label>
  );
}

/** The user's choice: which kind, the picked request ('' = the newest), the pasted text. */
export interface Choice {
  kind: Source['kind'];
  requestId: string;
  text: string;
}

export const FIRST_CHOICE: Choice = { kind: 'request', requestId: '', text: '{\n  \n}' };

/** The source a choice stands for: with no request picked, the newest one. */
export function sourceOf(choice: Choice, requests: StoredRequest[]): Source {
  if (choice.kind === 'payload') return { kind: 'payload', text: choice.text };
  const picked = requests.some((r) => r.id === choice.requestId) ? choice.requestId : '';
  return { kind: 'request', requestId: picked || (requests[0]?.id ?? '') };
}

type PickerProps = Omit<Props, 'source' | 'onChange'> & {
  choice: Choice;
  onChoice(choice: Choice): void;
};

/**
 * What to run against: a past request of the flow or a pasted payload. The pasted text is
 * kept while the user looks at past requests, so switching back loses nothing.
 */
export function SourcePicker({ choice, onChoice, ...props }: PickerProps) {
  const source = sourceOf(choice, props.requests);
  return (
    <div className="source-picker">
      <div role="radiogroup" aria-label="Data" className="toolbar">
        <label>
          <input
            type="radio"
            name={`${props.name}-kind`}
            checked={choice.kind === 'request'}
            onChange={() => onChoice({ ...choice, kind: 'request' })}
          />{' '}
          A past request
        </label>
        <label>
          <input
            type="radio"
            name={`${props.name}-kind`}
            checked={choice.kind === 'payload'}
            onChange={() => onChoice({ ...choice, kind: 'payload' })}
          />{' '}
          Paste a payload
        </label>
      </div>
      {choice.kind === 'request' ? (
        <RequestList
          {...props}
          source={source}
          onChange={(next) =>
            onChoice({ ...choice, requestId: next.kind === 'request' ? next.requestId : '' })
          }
        />
      ) : (
        <PayloadField text={choice.text} onChange={(text) => onChoice({ ...choice, text })} />
      )}
    </div>
  );
}
