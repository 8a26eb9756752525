/** An action context as the host builds it, for plugin tests (no network unless given one). */
import type { ActionContext, SleepRequest } from '../action.js';
import type { HttpClient } from '../http-client.js';
import type { OAuth2Access, OAuth2Token } from '../oauth.js';

/** An HTTP client that fails every call: for actions that must not call out. */
export const noHttp: HttpClient = {
  request: () => Promise.reject(new Error('this action must not call http')),
};

export function actionContext<Input>(
  input: Input,
  overrides: Partial<ActionContext<Input>> = {},
): ActionContext<Input> {
  return {
    input,
    http: noHttp,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    idempotencyKey: 'run-1:step-1',
    signal: new AbortController().signal,
    run: { id: 'run-1', flowId: 'flow-1', flowVersion: 1, stepId: 'step-1', attempt: 1 },
    sleepUntil: (until: Date): SleepRequest => ({ sleepUntil: until }),
    ...overrides,
  };
}

/** OAuth2 access that always hands out the same token (what a fixture recorded). */
export function staticAuth(token: OAuth2Token): OAuth2Access {
  return { token: async () => token, refresh: async () => token };
}
