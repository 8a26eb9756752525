import { ConnectionRow } from './ConnectionRow';
import type { Connection } from './types';

interface Props {
  connections: Connection[];
  canWrite: boolean;
  highlight?: string;
  onEdit(connection: Connection): void;
  onDelete(connection: Connection): void;
}

/** Every connection: name, plugin, fields (secrets as "set"), created, last test, actions. */
export function ConnectionsTable({ connections, canWrite, highlight, onEdit, onDelete }: Props) {
  return (
    <div className="table-wrap">
      <table className="data connections">
        <caption className="visually-hidden">Connections</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Plugin</th>
            <th scope="col">Fields</th>
            <th scope="col">Created</th>
            <th scope="col">Last test</th>
            {canWrite && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {connections.map((connection) => (
            <ConnectionRow
              key={connection.id}
              connection={connection}
              canWrite={canWrite}
              highlighted={connection.id === highlight}
              onEdit={() => onEdit(connection)}
              onDelete={() => onDelete(connection)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
