import { useState } from 'react';
import type { Flow } from '../../../api/client';
import { formatTime } from '../../../format';
import { definitionText } from '../template';
import { useVersions, type FlowVersion } from '../useFlows';
import { DiffView } from './DiffView';

function VersionTable({ versions }: { versions: FlowVersion[] }) {
  return (
    <div className="table-wrap">
      <table className="flows-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Saved</th>
            <th scope="col">Name</th>
            <th scope="col">Steps</th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>{formatTime(v.createdAt)}</td>
              <td>{v.definition.name}</td>
              <td className="mono">{v.definition.steps.map((s) => s.id).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VersionSelect(props: {
  label: string;
  value: number;
  versions: FlowVersion[];
  onChange(version: number): void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version}
          </option>
        ))}
      </select>
    </label>
  );
}

function Compare({ versions }: { versions: FlowVersion[] }) {
  const latest = versions[versions.length - 1].version;
  const [choice, setChoice] = useState<{ from?: number; to?: number }>({});
  const from = choice.from ?? versions[versions.length - 2].version;
  const to = choice.to ?? latest;
  const text = (n: number) => definitionText(versions.find((v) => v.version === n)?.definition);
  return (
    <>
      <h3>Compare two versions</h3>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <VersionSelect
          label="From"
          value={from}
          versions={versions}
          onChange={(v) => setChoice({ from: v, to })}
        />
        <VersionSelect
          label="To"
          value={to}
          versions={versions}
          onChange={(v) => setChoice({ from, to: v })}
        />
      </form>
      <DiffView before={text(from)} after={text(to)} title={`Version ${from} → version ${to}`} />
    </>
  );
}

/** Every saved version of the flow, and a line diff between any two of them. */
export function VersionsTab({ flow }: { flow: Flow }) {
  const { versions, error } = useVersions(flow.id, flow.version);
  return (
    <>
      <h2>Versions</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!versions && !error && <p className="muted">Loading…</p>}
      {versions && <VersionTable versions={versions} />}
      {versions && versions.length < 2 && (
        <p className="muted">Only version 1 so far: save a change to compare two versions.</p>
      )}
      {versions && versions.length >= 2 && <Compare versions={versions} />}
    </>
  );
}
