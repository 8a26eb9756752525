/**
 * Recorded-fixture tests: `{input, http: [{request, response}], expected}` replayed with the
 * network off. The action gets an HTTP client that answers from the recorded responses in
 * order; any request that differs from the recorded one, and any recorded request left
 * unused, fails the test; the action's output must equal `expected`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ActionContext, ActionDefinition } from '../action.js';
import { isSleepRequest } from '../action.js';
import type { OAuth2Token } from '../oauth.js';
import { actionContext, staticAuth } from './action-context.js';
import { replayHttp, type RecordedExchange } from './replay-http.js';

export interface ActionFixture {
  /** What this fixture shows (free text). */
  description?: string;
  /** The step's input, as a flow would give it (plain JSON). */
  input: Record<string, unknown>;
  /** Decrypted connection fields, when the action needs a connection. */
  connection?: Record<string, unknown>;
  /** `ctx.auth` for OAuth2 plugins: the token the host would hand out. */
  auth?: { accessToken: string; extra?: Record<string, string> };
  /** `ctx.idempotencyKey` (default `run-1:step-1`). */
  idempotencyKey?: string;
  /** The exchanges, in the order the action makes them. */
  http: RecordedExchange[];
  /** The action's output (compared as JSON). */
  expected: unknown;
}

export interface FixtureOptions<Input> {
  /**
   * Turns the fixture's plain input into the action's input, e.g. validating it as the host
   * does. Default: a new instance of the input class with the fixture's fields assigned.
   */
  input?: (plain: Record<string, unknown>) => Input | Promise<Input>;
  /** More context for the action (a logger, a run, a wokeAt...). */
  context?: Partial<ActionContext<Input>>;
}

const asJson = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

function defaultInput<Input>(action: ActionDefinition<Input>, plain: Record<string, unknown>) {
  return Object.assign(new action.input() as object, structuredClone(plain)) as Input;
}

function contextFor<Input>(fixture: ActionFixture, input: Input, options: FixtureOptions<Input>) {
  const token: OAuth2Token | undefined = fixture.auth && {
    accessToken: fixture.auth.accessToken,
    extra: fixture.auth.extra ?? {},
  };
  return (http: ActionContext['http']) =>
    actionContext(input, {
      http,
      ...(fixture.connection ? { connection: structuredClone(fixture.connection) } : {}),
      ...(token ? { auth: staticAuth(token) } : {}),
      ...(fixture.idempotencyKey ? { idempotencyKey: fixture.idempotencyKey } : {}),
      ...options.context,
    });
}

/** Runs `action` against `fixture`; resolves to the output, or throws saying what differed. */
export async function runActionFixture<Input, Output>(
  action: ActionDefinition<Input, Output>,
  fixture: ActionFixture,
  options: FixtureOptions<Input> = {},
): Promise<Output> {
  const input = await (options.input ?? ((plain) => defaultInput(action, plain)))(fixture.input);
  const replay = replayHttp(fixture.http);
  let output: unknown;
  try {
    output = await action.run(contextFor(fixture, input, options)(replay.client));
  } catch (error) {
    replay.assertNoMismatch();
    throw error;
  }
  replay.assertNoMismatch();
  replay.assertAllUsed();
  if (isSleepRequest(output)) throw new Error('the action slept: a fixture expects an output');
  if (!isDeepStrictEqual(asJson(output), asJson(fixture.expected))) {
    throw new Error(
      `the action's output differs from the fixture's expected output\n` +
        `expected: ${JSON.stringify(fixture.expected, null, 2)}\n` +
        `received: ${JSON.stringify(output, null, 2)}`,
    );
  }
  return output as Output;
}
