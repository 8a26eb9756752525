import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_ADMIN_KEY } from './boot-test-app.js';

/** A tiny client for the management API, authenticated with the test admin key. */
export function apiClient(baseUrl: string, key = TEST_ADMIN_KEY) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json: any = text ? JSON.parse(text) : undefined;
    return { status: response.status, body: json, headers: response.headers };
  };
  return {
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body ?? {}),
    put: (path: string, body: unknown) => call('PUT', path, body),
    delete: (path: string) => call('DELETE', path),
    /** Polls GET /runs/:id until the run reaches a final status. */
    async waitForRun(
      runId: string,
      ms = 15_000,
      until = ['succeeded', 'failed', 'filtered', 'cancelled'],
    ) {
      const deadline = Date.now() + ms;
      for (;;) {
        const { body } = await call('GET', `/api/v1/runs/${runId}`);
        if (until.includes(body?.status)) return body;
        if (Date.now() > deadline)
          throw new Error(
            `run ${runId} still ${body?.status} after ${ms} ms: ${JSON.stringify(body)}`,
          );
        await sleep(50);
      }
    },
  };
}

/** POSTs a body to a catch URL as a sender would. */
export async function postToCatch(
  catchUrl: string,
  body: string | Buffer,
  contentType = 'application/json',
  headers: Record<string, string> = {},
) {
  const response = await fetch(catchUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: (text ? JSON.parse(text) : undefined) as any,
    headers: response.headers,
  };
}
