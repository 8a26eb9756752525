import { startSecretFlows, type SecretFlows } from '../support/secret-flows.js';

const QUERY_KEY = 'query-key-CANARY-3d9a70';
const USERINFO = 'userinfo-pass-CANARY-e2b419';
const BLOCK = 'block-literal-CANARY-5c11f8';
const MERGED = 'merged-literal-CANARY-0aa7d3';
const CANARIES = [QUERY_KEY, USERINFO, BLOCK, MERGED];

/** Review findings A5, A6 and C4 of issue 15: credentials typed into a flow at save time. */
describe('credentials typed into flows', () => {
  let h: SecretFlows;
  const save = (step: Record<string, unknown>) =>
    h.call('POST', '/api/v1/flows', {
      name: 'typed',
      trigger: { type: 'webhook' },
      steps: [{ id: 's', action: 'http.request', ...step }],
    });
  const url = () => `${h.receiver.url}/typed`;

  beforeAll(async () => {
    h = await startSecretFlows();
  });
  afterAll(() => h.stop());

  it('refuses a user name and password in a static url, and a credential in its query (A6)', async () => {
    const userinfo = await save({ input: { url: url().replace('//', `//ann:${USERINFO}@`) } });
    expect(userinfo.status).toBe(400);
    expect(userinfo.body.details).toEqual([
      {
        path: 'steps[0].input.url',
        message: expect.stringMatching(
          /^holds a user name or password .*: use an http connection with auth basic, or a named secret/,
        ),
      },
    ]);
    const inUrl = await save({ input: { url: `${url()}?api_key=${QUERY_KEY}` } });
    expect(inUrl.body.details).toEqual([
      {
        path: 'steps[0].input.url',
        message: expect.stringMatching(/^has the credential parameter 'api_key' in its query/),
      },
    ]);
  });

  it('moves a credential typed into a static query, as a credential header (A6)', async () => {
    const saved = await save({ input: { url: url(), query: { api_key: QUERY_KEY, page: 2 } } });
    expect(saved.status).toBe(201);
    const name = `flow_${saved.body.id.slice(0, 8)}_s_query_api_key`;
    expect(saved.body.definition.steps[0].input.query).toEqual({
      api_key: { $secret: name },
      page: 2,
    });
    const run = await h.runOnce(saved.body.catchUrl);
    expect(run.status).toBe('succeeded');
    expect(h.last().url).toBe(`/typed?api_key=${QUERY_KEY}&page=2`);
    expect(run.steps[0].input.query).toEqual({ api_key: `[secret:${name}]`, page: 2 });
  });

  it('refuses a typed credential it cannot bind to an origin (A5)', async () => {
    const headers = { Authorization: 'Bearer typed-in-clear-123' };
    const dynamic = await save({
      input: { url: url(), headers },
      map: "{ 'url': $trigger.body.to }",
    });
    expect(dynamic.status).toBe(400);
    expect(dynamic.body.details).toEqual([
      {
        path: 'steps[0].input',
        message: expect.stringMatching(
          /^holds headers\.Authorization typed in clear, .*the url is not static \(the map may set it\).*create a named secret with hosts/,
        ),
      },
    ]);
    const clear = await save({ input: { url: 'http://erp.example.com/x', headers } });
    expect(clear.status).toBe(400);
    expect(clear.body.details[0].message).toMatch(
      /but http:\/\/erp\.example\.com is http: the secret would cross the network in clear/,
    );
    const fine = await save({ input: { url: url(), headers }, map: "{ 'body': $trigger.body }" });
    expect(fine.status).toBe(201);
  });

  it('refuses literals in map through block variables and $merge (C4)', async () => {
    for (const map of [
      `($t := 'Bearer ${BLOCK}'; { 'headers': { 'Authorization': $t } })`,
      `{ 'headers': $merge([{ 'Authorization': 'Bearer ${MERGED}' }, { 'Accept': 'x' }]) }`,
      `($s := { 'secret': '${BLOCK}' }; { 'sign': $s })`,
      `{ 'query': { 'token': '${MERGED}' } }`,
    ]) {
      const saved = await save({ input: { url: url() }, map });
      expect(saved.status).toBe(400);
      expect(saved.body.details[0]).toEqual({
        path: 'steps[0].map',
        message: expect.stringMatching(/from a string literal, which would be stored in clear/),
      });
    }
  });

  it('no response, log line or table holds the typed credentials in clear', async () => {
    for (const text of await h.everything()) {
      for (const canary of CANARIES) expect(text).not.toContain(canary);
    }
  });
});
