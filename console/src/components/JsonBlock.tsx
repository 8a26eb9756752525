import { prettyJson } from '../format';

/** A collapsible, pretty-printed JSON value (closed unless `open`). */
export function JsonBlock({
  label,
  value,
  open,
}: {
  label: string;
  value: unknown;
  open?: boolean;
}) {
  return (
    <details className="json" open={open}>
      <summary>{label}</summary>
      <pre tabIndex={0}>{prettyJson(value)}</pre>
    </details>
  );
}
