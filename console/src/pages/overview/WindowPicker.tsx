import { WINDOWS, type WindowId } from './overview-data';

/** 1h / 24h / 7d / 30d as toggle buttons (aria-pressed). */
export function WindowPicker({
  value,
  onChange,
}: {
  value: WindowId;
  onChange(id: WindowId): void;
}) {
  return (
    <div className="toolbar overview-windows" role="group" aria-label="Time window">
      {WINDOWS.map((window) => (
        <button
          key={window.id}
          type="button"
          aria-pressed={window.id === value}
          onClick={() => onChange(window.id)}
        >
          {window.label}
        </button>
      ))}
    </div>
  );
}
