import { resolveRetryPolicy, type RetryPolicy } from '../engine/retry-policy.js';
import type { PluginDefinition } from '../plugin-sdk/index.js';
import { inputSchema, type JsonSchema } from './input-schema.js';

export interface ActionEntry {
  /** `<plugin>.<action>`, as a flow step names it */
  action: string;
  displayName: string;
  description: string;
  sideEffects: boolean;
  retry: RetryPolicy;
  inputSchema: JsonSchema;
}

export interface ConnectionFieldEntry {
  name: string;
  required: boolean;
  secret: boolean;
  schema: JsonSchema;
}

export interface PluginEntry {
  name: string;
  version: string;
  displayName: string;
  description: string | null;
  connection: { fields: ConnectionFieldEntry[]; testable: boolean } | null;
  actions: ActionEntry[];
}

function connectionOf(plugin: PluginDefinition): PluginEntry['connection'] {
  if (!plugin.connection) return null;
  const schema = inputSchema(plugin.connection.fields);
  const secrets = new Set(plugin.connection.secretFields ?? []);
  const required = new Set<string>(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, field]) => ({
    name,
    required: required.has(name),
    secret: secrets.has(name),
    schema: field as JsonSchema,
  }));
  return { fields, testable: typeof plugin.connection.test === 'function' };
}

/** What GET /plugins shows of a plugin: actions with input schemas, connection fields. */
export function describePlugin(plugin: PluginDefinition): PluginEntry {
  return {
    name: plugin.name,
    version: plugin.version,
    displayName: plugin.displayName,
    description: plugin.description ?? null,
    connection: connectionOf(plugin),
    actions: Object.entries(plugin.actions).map(([key, action]) => ({
      action: `${plugin.name}.${key}`,
      displayName: action.displayName,
      description: action.description,
      sideEffects: action.sideEffects,
      retry: resolveRetryPolicy(undefined, action.retry),
      inputSchema: inputSchema(action.input, action.allowUnknownInput === true),
    })),
  };
}
