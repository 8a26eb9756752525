import { defineAction, HttpStatusError, type ActionContext } from '@flowhub/plugin-sdk';
import { runActionFixture, type ActionFixture } from '@flowhub/plugin-sdk/testing';

/** @flowhub/plugin-sdk/testing's fixture replay: what makes a recorded-fixture test fail. */
class Input {
  id = 'c-1';
}
type Run = (ctx: ActionContext<Input>) => Promise<unknown>;
const action = (run: Run) =>
  defineAction({ displayName: 'A', description: 'a', input: Input, sideEffects: false, run });
const get = (ctx: ActionContext<Input>) =>
  ctx.http.request({
    method: 'get',
    url: `https://api.example.com/contacts/${ctx.input.id}`,
    query: { fields: 'name', v: 2 },
    headers: { Accept: 'application/json', 'X-Trace': 'anything' },
  });
const fixture = (overrides: Partial<ActionFixture> = {}): ActionFixture => ({
  input: { id: 'c-1' },
  http: [
    {
      request: {
        method: 'GET',
        url: 'https://api.example.com/contacts/c-1?v=2&fields=name',
        headers: { accept: 'application/json' },
      },
      response: { status: 200, body: { name: 'Ada' } },
    },
  ],
  expected: { name: 'Ada' },
  ...overrides,
});
const reads = action(async (ctx) => (await get(ctx)).body);

describe('runActionFixture', () => {
  it('answers the recorded request (query in any order, only recorded headers compared)', async () => {
    expect(await runActionFixture(reads, fixture())).toEqual({ name: 'Ada' });
  });

  it('fails on a request that was not recorded, even when the action swallows the error', async () => {
    const twice = action(async (ctx) => {
      await get(ctx);
      await get(ctx).catch(() => undefined);
      return { name: 'Ada' };
    });
    await expect(runActionFixture(twice, fixture())).rejects.toThrow(
      /request 2 \(GET https:\/\/api\.example\.com\/contacts\/c-1\?fields=name&v=2\) was not recorded/,
    );
  });

  it('fails on another method, URL or recorded header', async () => {
    const other = fixture({ input: { id: 'c-2' } });
    await expect(runActionFixture(reads, other)).rejects.toThrow(/differs from the recording: URL/);
    const post = fixture();
    post.http[0].request.method = 'POST';
    await expect(runActionFixture(reads, post)).rejects.toThrow(/method GET, recorded POST/);
    const header = fixture();
    header.http[0].request.headers = { Accept: 'text/csv' };
    await expect(runActionFixture(reads, header)).rejects.toThrow(/header Accept/);
  });

  it('fails when recorded requests are left unused', async () => {
    const idle = action(async () => ({ name: 'Ada' }));
    await expect(runActionFixture(idle, fixture())).rejects.toThrow(
      'recorded requests were never made: GET https://api.example.com/contacts/c-1?v=2&fields=name',
    );
  });

  it('fails when the output differs from expected', async () => {
    await expect(runActionFixture(reads, fixture({ expected: { name: 'Bob' } }))).rejects.toThrow(
      /output differs/,
    );
  });

  it('throws HttpStatusError for a recorded error status, with Retry-After', async () => {
    const busy = fixture();
    busy.http[0].response = { status: 429, headers: { 'Retry-After': '30' }, body: { code: 'x' } };
    const caught = action(async (ctx) => {
      const error = await get(ctx).catch((e: unknown) => e);
      return error instanceof HttpStatusError ? [error.status, error.retryAfterMs] : error;
    });
    expect(await runActionFixture(caught, { ...busy, expected: [429, 30_000] })).toEqual([
      429, 30_000,
    ]);
  });
});
