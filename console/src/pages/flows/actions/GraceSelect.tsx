/** A choice of grace period, in seconds. */
export interface GraceOption {
  seconds: number;
  label: string;
}

export function GraceSelect(props: {
  label: string;
  options: GraceOption[];
  value: number;
  onChange(seconds: number): void;
}) {
  return (
    <label className="dialog-field">
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.options.map((option) => (
          <option key={option.seconds} value={option.seconds}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "from now on", or "from <the time it stops>". */
export function stopsText(until: string | null | undefined): string {
  if (!until) return 'from now on';
  const time = new Date(until).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return `from ${time}`;
}
