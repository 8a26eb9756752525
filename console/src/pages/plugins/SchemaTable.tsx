import { schemaNotes, schemaRows, type SchemaRow } from './schemaRows';
import type { JsonSchema } from './types';

function Details({ row }: { row: SchemaRow }) {
  return (
    <>
      {row.description && <div>{row.description}</div>}
      {row.values && (
        <div>
          One of:{' '}
          {row.values.map((value, i) => (
            <span key={value}>
              {i > 0 && ', '}
              <code className="mono">{value}</code>
            </span>
          ))}
        </div>
      )}
      {row.constraints.length > 0 && <div className="muted">{row.constraints.join('; ')}</div>}
      {row.example !== undefined && (
        <div className="muted">
          e.g. <code className="mono">{row.example}</code>
        </div>
      )}
    </>
  );
}

/**
 * A JSON Schema as a table: one row per field, nested fields (an object's, an array item's)
 * indented under their parent, with type, required, description, allowed values and limits.
 */
export function SchemaTable({ schema, label }: { schema: JsonSchema; label: string }) {
  const rows = schemaRows(schema);
  const notes = schemaNotes(schema);
  return (
    <>
      {rows.length === 0 ? (
        <p className="muted">No declared fields.</p>
      ) : (
        <div className="table-wrap">
          <table className="data schema">
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Type</th>
                <th scope="col">Required</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.path} data-path={row.path}>
                  <th scope="row" className={`mono field depth-${Math.min(row.depth, 6)}`}>
                    {row.depth > 0 && <span aria-hidden="true">↳ </span>}
                    <span title={row.path}>{row.name}</span>
                  </th>
                  <td className="mono">{row.type}</td>
                  <td>{row.required ? 'required' : <span className="muted">optional</span>}</td>
                  <td>
                    <Details row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
    </>
  );
}
