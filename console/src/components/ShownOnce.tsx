import { CopyButton } from './CopyButton';

/**
 * A secret the server shows once (a new API key, a rotated catch key or signing secret): the
 * value, a copy button, and the warning that it will not be shown again. The parent drops the
 * value from its state when the user closes it.
 */
export function ShownOnce({
  label,
  value,
  onDone,
}: {
  label: string;
  value: string;
  onDone(): void;
}) {
  return (
    <div className="shown-once" role="alert">
      <p>
        <strong>{label}</strong> — copy it now: Flowhub will not show it again.
      </p>
      <code className="mono secret-value">{value}</code>{' '}
      <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />{' '}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
