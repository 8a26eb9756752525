/**
 * @flowhub/plugin-sdk: the only Flowhub module a plugin imports. Plugins never see JSONata,
 * Nest, TypeORM or BullMQ. A plugin is a plain object made by definePlugin; each action by
 * defineAction. Test helpers are in `@flowhub/plugin-sdk/testing`.
 */
export { defineAction, isSleepRequest } from './action.js';
export type {
  ActionContext,
  ActionDefinition,
  ActionLogger,
  ClassType,
  SleepRequest,
} from './action.js';
export { definePlugin } from './plugin.js';
export type { ConnectionDefinition, EndpointField, PluginDefinition } from './plugin.js';
export type { OAuth2Access, OAuth2Authorization, OAuth2Definition, OAuth2Token } from './oauth.js';
export { FatalError, RetryableError } from './errors.js';
export { EgressBlockedError, HttpStatusError } from './http-client.js';
export type { HttpClient, HttpRequest, HttpResponse } from './http-client.js';
export { urlInputs, valueAtPath } from './fields.js';
export type { InputFieldInfo, InputFields } from './fields.js';
export type { RetryPolicyInput } from './retry.js';
export { isCredentialHeader } from './credential-headers.js';
export { isCredentialQueryKey } from './credential-query-keys.js';
