import { formatTime } from '../../format';
import type { ApiKey } from './keys';

function KeyRow({ apiKey, own, onRevoke }: { apiKey: ApiKey; own: boolean; onRevoke(): void }) {
  return (
    <tr>
      <th scope="row">
        {apiKey.name}
        {own && <span className="tag">this session</span>}
        <div className="muted mono">{apiKey.hint}</div>
      </th>
      <td>
        <span className="tag key-role">{apiKey.role}</span>
      </td>
      <td>{formatTime(apiKey.createdAt)}</td>
      <td>
        {apiKey.lastUsedAt ? formatTime(apiKey.lastUsedAt) : <span className="muted">never</span>}
      </td>
      <td>
        <button
          type="button"
          className="danger"
          aria-label={`Revoke ${apiKey.name}`}
          onClick={onRevoke}
        >
          Revoke
        </button>
      </td>
    </tr>
  );
}

/** The keys that still work: name and start, role, created, last used, and Revoke. */
export function KeysTable(props: {
  keys: ApiKey[];
  ownKeyId?: string;
  onRevoke(key: ApiKey): void;
}) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="visually-hidden">API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((key) => (
            <KeyRow
              key={key.id}
              apiKey={key}
              own={key.id === props.ownKeyId}
              onRevoke={() => props.onRevoke(key)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
