/**
 * What an action declares about its input fields at runtime (not only in JSDoc): a
 * description and an example for people writing flows (GET /plugins shows them), and which
 * fields hold a URL the action calls (the host checks those against the egress guard when a
 * flow is saved, whatever the plugin).
 */
export interface InputFieldInfo {
  description?: string;
  /** A value the field could take, as a flow would write it. */
  example?: unknown;
  /** The field is a URL the action sends a request to. */
  url?: boolean;
}

/** Dot path of an input field (e.g. `url`, `sign.secret`) -> what it is. */
export type InputFields = Record<string, InputFieldInfo>;

/** The dot paths an action declared as URLs, in declaration order. */
export function urlInputs(action: { inputFields?: InputFields }): string[] {
  return Object.entries(action.inputFields ?? {})
    .filter(([, info]) => info.url === true)
    .map(([path]) => path);
}

/** The value at a dot path of a plain object (`undefined` when any part is missing). */
export function valueAtPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
