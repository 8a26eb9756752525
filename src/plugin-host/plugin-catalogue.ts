import { resolveRetryPolicy, type RetryPolicy } from '../engine/retry-policy.js';
import type { PluginDefinition } from '@flowhub/plugin-sdk';
import { inputFieldEntries, withInputFields, type InputFieldEntry } from './input-fields.js';
import { inputSchema, type JsonSchema } from './input-schema.js';

export interface ActionEntry {
  /** `<plugin>.<action>`, as a flow step names it */
  action: string;
  displayName: string;
  description: string;
  sideEffects: boolean;
  retry: RetryPolicy;
  inputSchema: JsonSchema;
  /** What the action declared about its input fields: descriptions, examples, URL inputs. */
  inputFields: InputFieldEntry[];
  /** What a dry-run records as its output, when declared as a value (not made from the input). */
  sampleOutput?: unknown;
  /** The dry-run's sample output is made from the input (so it cannot be shown here). */
  sampleFromInput: boolean;
}

export interface ConnectionFieldEntry {
  name: string;
  required: boolean;
  secret: boolean;
  /** Says where the credentials are sent: changing it needs the secret fields again. */
  endpoint: boolean;
  /** The hosts an endpoint field may name (FLOWHUB_EGRESS_ALLOW_HOSTS adds more). */
  hosts?: readonly string[];
  schema: JsonSchema;
}

export interface PluginEntry {
  name: string;
  version: string;
  displayName: string;
  description: string | null;
  connection: {
    fields: ConnectionFieldEntry[];
    testable: boolean;
    optional: boolean;
    /** "Connect with ...": the fields the user gives before the provider's consent page. */
    authorization: { startFields: string[] } | null;
  } | null;
  actions: ActionEntry[];
}

function connectionOf(plugin: PluginDefinition): PluginEntry['connection'] {
  if (!plugin.connection) return null;
  const schema = inputSchema(plugin.connection.fields);
  const secrets = new Set(plugin.connection.secretFields ?? []);
  const endpoints = plugin.connection.endpointFields ?? {};
  const required = new Set<string>(schema.required ?? []);
  const authorization = plugin.connection.oauth2?.authorization;
  const fields = Object.entries(schema.properties ?? {}).map(([name, field]) => ({
    name,
    required: required.has(name),
    secret: secrets.has(name),
    endpoint: name in endpoints,
    ...(endpoints[name]?.hosts ? { hosts: endpoints[name].hosts } : {}),
    schema: field as JsonSchema,
  }));
  return {
    fields,
    testable: typeof plugin.connection.test === 'function',
    optional: plugin.connection.optional === true,
    authorization: authorization ? { startFields: [...authorization.startFields] } : null,
  };
}

function sampleOf(sample: unknown): Pick<ActionEntry, 'sampleOutput' | 'sampleFromInput'> {
  if (typeof sample === 'function') return { sampleFromInput: true };
  return sample === undefined
    ? { sampleFromInput: false }
    : { sampleOutput: sample, sampleFromInput: false };
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
      inputSchema: withInputFields(
        inputSchema(action.input, action.allowUnknownInput === true),
        action.inputFields,
      ),
      inputFields: inputFieldEntries(action.inputFields),
      ...sampleOf(action.sampleOutput),
    })),
  };
}
