import { linkTo } from '../../router';
import type { ConnectionField, Plugin } from './types';

function FieldRow({ field }: { field: ConnectionField }) {
  const schema = field.schema as { type?: string; enum?: string[] };
  return (
    <tr>
      <th scope="row" className="mono">
        {field.name}
      </th>
      <td className="mono">{schema.enum ? schema.enum.join(' | ') : schema.type}</td>
      <td>{field.required ? 'required' : <span className="muted">optional</span>}</td>
      <td>
        {field.secret && 'secret: write-only, never shown. '}
        {field.endpoint && 'where the credentials are sent: changing it needs the secrets again.'}
      </td>
    </tr>
  );
}

function Summary({ connection }: { connection: NonNullable<Plugin['connection']> }) {
  return (
    <p className="muted">
      {connection.optional ? 'Optional. ' : 'Steps must name one. '}
      {connection.testable ? 'It can be tested. ' : ''}
      {connection.authorization ? 'It can be created by signing in with the provider. ' : ''}
      Create one on the{' '}
      <a href="/connections" onClick={linkTo('/connections')}>
        Connections
      </a>{' '}
      page.
    </p>
  );
}

/** A plugin's connection fields: required, secret (write-only) and endpoint ones. */
export function ConnectionFieldsTable({ plugin }: { plugin: Plugin }) {
  const connection = plugin.connection;
  return (
    <section aria-labelledby="connection">
      <h2 id="connection">Connection</h2>
      {!connection ? (
        <p className="muted">This plugin takes no connection.</p>
      ) : (
        <>
          <Summary connection={connection} />
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Connection fields of {plugin.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Type</th>
                  <th scope="col">Required</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {connection.fields.map((field) => (
                  <FieldRow key={field.name} field={field} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
