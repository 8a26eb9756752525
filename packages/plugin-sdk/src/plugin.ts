/** A plugin: a connector made with definePlugin, holding its actions and its connection. */
import type { ActionDefinition, ClassType } from './action.js';
import type { HttpClient } from './http-client.js';
import type { OAuth2Definition } from './oauth.js';

/** A connection field that says where the credentials are sent (a URL or a host name). */
export interface EndpointField {
  /**
   * The hosts it may name: `zoho.com` allows zoho.com and every sub-domain, over https only.
   * Unset: any host the egress guard allows. The operator opens others with
   * FLOWHUB_EGRESS_ALLOW_HOSTS (e.g. a self-hosted gateway, a test fake on loopback).
   */
  hosts?: readonly string[];
}

export interface ConnectionDefinition {
  /** Set for OAuth2 refresh-token connections: the host then gives actions `ctx.auth`. */
  oauth2?: OAuth2Definition;
  fields: ClassType;
  /** Fields holding secrets: encrypted at rest, write-only in the API, never logged. */
  secretFields?: string[];
  /**
   * Fields naming where the secrets go (URLs or hosts). Changing one needs every stored
   * secret field again in the same request, so the secrets cannot be sent somewhere new by
   * someone who does not know them.
   */
  endpointFields?: Record<string, EndpointField>;
  /**
   * Forms the secrets take on the wire (e.g. basic auth's `Basic base64(user:pass)`), by a
   * name of your choosing: run records redact them as they redact the secret fields.
   */
  derivedSecrets?: (fields: Record<string, unknown>) => Record<string, string>;
  /** Steps of this plugin may run without a connection (e.g. http.request). Default false. */
  optional?: boolean;
  test?: (ctx: { connection: Record<string, unknown>; http: HttpClient }) => Promise<void>;
}

export interface PluginDefinition {
  /** kebab-case, equals the folder name, unique */
  name: string;
  /** semver */
  version: string;
  displayName: string;
  description?: string;
  connection?: ConnectionDefinition;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  actions: Record<string, ActionDefinition<any, any>>;
}

export function definePlugin<P extends PluginDefinition>(plugin: P): P {
  return plugin;
}
