import { Agent, STATUS_CODES } from 'node:http';
import { runInThisContext } from 'node:vm';
import pg from 'pg';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import {
  GITHUB_SECRET,
  githubSignature,
  hostileCategories,
  hostileRequests,
  type HostileCase,
  type Targets,
} from './hostile-cases.js';
import { mapLimited, sendRaw, type RawResponse } from './raw-http.js';

/** 2,000 in `npm test`; `npm run test:hostile` sets 10,000. HOSTILE_SEED replays another mix. */
const COUNT = Number(process.env.HOSTILE_COUNT ?? 2000);
const SEED = Number(process.env.HOSTILE_SEED ?? 0x5eed);
const IN_FLIGHT = 32;
const ONE_MIB = 1024 * 1024;

type Outcome = { response: RawResponse } | { error: string };

/** Everything wrong with one answer, as short phrases; empty when it is what the case expects. */
function problemsOf({ expected }: HostileCase, outcome: Outcome): string[] {
  if ('error' in outcome) return [`no response: ${outcome.error}`];
  const { status, headers, text } = outcome.response;
  const problems: string[] = [];
  if (status >= 500) problems.push(`${status} (5xx)`);
  if (status !== expected.status) problems.push(`status ${status}, expected ${expected.status}`);
  if (!/^application\/json/.test(headers['content-type'] ?? ''))
    problems.push(`content-type ${headers['content-type']}`);
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push('body is not JSON');
  }
  if (body) {
    if (body.statusCode !== status) problems.push(`statusCode ${body.statusCode} != ${status}`);
    if (body.error !== STATUS_CODES[status]) problems.push(`error ${body.error}`);
    if (typeof body.message !== 'string' || !expected.message.test(body.message))
      problems.push(`message ${JSON.stringify(body.message)} !~ ${expected.message}`);
  }
  if (expected.exactText !== undefined && text !== expected.exactText)
    problems.push('body differs from the catch URL 404');
  for (const [name, value] of Object.entries(expected.headers ?? {}))
    if (headers[name] !== value) problems.push(`${name}: ${headers[name]}`);
  if (expected.mustNotContain && text.includes(expected.mustNotContain))
    problems.push('echoes the expected signature');
  return problems;
}

async function countRows(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT (SELECT count(*) FROM inbound_requests)::int AS inbound_requests, (SELECT count(*) FROM runs)::int AS runs',
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** Object.prototype as seen by the test's realm and by Node's main realm (core modules). */
function prototypeState() {
  const mainRealm = runInThisContext('Object.prototype') as object;
  return {
    ownKeys: Reflect.ownKeys(Object.prototype).map(String).sort(),
    mainRealmOwnKeys: Reflect.ownKeys(mainRealm).map(String).sort(),
    inherited: ['polluted', 'isAdmin'].flatMap((name) =>
      [
        {} as Record<string, unknown>,
        [] as unknown as Record<string, unknown>,
        runInThisContext('({})') as Record<string, unknown>,
      ].map((value) => value[name]),
    ),
  };
}

describe(`${COUNT} hostile requests at catch URLs (seed ${SEED})`, () => {
  let app: TestApp;
  let agent: Agent;
  let targets: Targets;
  let cases: HostileCase[];
  let outcomes: Outcome[];
  let rowsBefore: Record<string, number>;
  let rowsAfter: Record<string, number>;
  let prototypeBefore: ReturnType<typeof prototypeState>;
  const send = (request: HostileCase['request']) => sendRaw(app.url!, request, agent);
  const catchPath = (flowId: string, key: string) => `/webhook/catch/${flowId}/${key}`;

  beforeAll(async () => {
    prototypeBefore = prototypeState();
    app = await bootTestApp({ FLOWHUB_ROLE: 'api' });
    agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const api = apiClient(app.url!);
    const createFlow = async (trigger: Record<string, unknown>) => {
      const created = await api.post('/api/v1/flows', {
        name: 'Under attack',
        trigger: {
          type: 'webhook',
          rateLimit: { perSecond: 100_000, burst: 100_000 },
          ...trigger,
        },
        steps: [{ id: 'a', action: 'core.transform' }],
      });
      if (created.status !== 201)
        throw new Error(`flow not created: ${created.status} ${JSON.stringify(created.body)}`);
      const [, , , flowId, key] = new URL(created.body.catchUrl).pathname.split('/');
      return { flowId, key };
    };
    const plain = await createFlow({});
    const signed = await createFlow({ verify: { preset: 'github', secret: GITHUB_SECRET } });
    const reference = await send({
      method: 'POST',
      path: catchPath(plain.flowId, 'wrong'),
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{}'),
    });
    targets = {
      flowId: plain.flowId,
      key: plain.key,
      signedFlowId: signed.flowId,
      signedKey: signed.key,
      notFoundText: reference.text,
      bodyLimit: app.runtime.config.catchBodyLimit,
    };
    cases = hostileRequests(targets, COUNT, SEED);
    rowsBefore = await countRows(app.database.url);
    const started = Date.now();
    outcomes = await mapLimited(cases, IN_FLIGHT, (hostile) =>
      send(hostile.request).then(
        (response): Outcome => ({ response }),
        (error: Error): Outcome => ({ error: error.message }),
      ),
    );
    process.stderr.write(
      `hostile: ${COUNT} requests (seed ${SEED}, ${IN_FLIGHT} in flight) answered in ${Date.now() - started} ms\n`,
    );
    rowsAfter = await countRows(app.database.url);
  }, 600_000);

  afterAll(async () => {
    agent?.destroy();
    await app?.stop();
  });

  it('attacks with the default body limit and a mix of every category and many variants', () => {
    expect(targets.bodyLimit).toBe(ONE_MIB);
    const categories = Object.keys(hostileCategories(targets));
    expect(categories).toHaveLength(11);
    const perCategory = new Map<string, Set<string>>();
    for (const { category, variant } of cases) {
      perCategory.set(category, (perCategory.get(category) ?? new Set()).add(variant));
    }
    expect([...perCategory.keys()]).toEqual(categories);
    for (const variants of perCategory.values()) expect(variants.size).toBeGreaterThanOrEqual(3);
    const counts = categories.map((name) => cases.filter((c) => c.category === name).length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(Math.floor(COUNT / categories.length));
  });

  it('answers every one, and never with a 5xx', () => {
    const broken = outcomes.flatMap((outcome, i) =>
      'error' in outcome || outcome.response.status >= 500
        ? [`${cases[i].category} / ${cases[i].variant}: ${JSON.stringify(outcome).slice(0, 300)}`]
        : [],
    );
    expect(broken).toEqual([]);
  });

  it('answers each with the JSON error {statusCode, error, message} its category calls for', () => {
    const failures = new Map<string, { count: number; example: string }>();
    outcomes.forEach((outcome, i) => {
      for (const problem of problemsOf(cases[i], outcome)) {
        const key = `${cases[i].category} / ${cases[i].variant}: ${problem}`;
        const seen = failures.get(key);
        if (seen) seen.count++;
        else {
          const example = 'response' in outcome ? outcome.response.text : outcome.error;
          failures.set(key, { count: 1, example: example.slice(0, 200) });
        }
      }
    });
    expect(Object.fromEntries(failures)).toEqual({});
  });

  it('stores nothing for any of them', () => {
    expect(rowsBefore).toEqual({ inbound_requests: 0, runs: 0 });
    expect(rowsAfter).toEqual(rowsBefore);
  });

  it('leaves Object.prototype untouched', () => {
    expect(prototypeState()).toEqual(prototypeBefore);
    expect(prototypeBefore.inherited.every((value) => value === undefined)).toBe(true);
  });

  it('gives a wrong key and an unknown flow byte-identical 404 bodies', async () => {
    const post = (path: string) =>
      send({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{"a":1}'),
      });
    const answers = await Promise.all([
      post(catchPath(targets.flowId, 'A'.repeat(43))),
      post(catchPath(targets.signedFlowId, targets.key)),
      post(catchPath('3f0c5e52-1b7a-4c1e-9d7e-2a6b8c4d0e1f', targets.key)),
      post(catchPath('not-a-flow', targets.key)),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((answer) => answer.text))).toEqual(new Set([targets.notFoundText]));
    expect(JSON.parse(targets.notFoundText)).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.stringMatching(/catch URL/),
    });
    const hostile404s = outcomes.flatMap((outcome) =>
      'response' in outcome && outcome.response.status === 404 ? [outcome.response.text] : [],
    );
    expect(hostile404s.length).toBeGreaterThanOrEqual(Math.floor((2 * COUNT) / 11));
    expect(new Set(hostile404s)).toEqual(new Set([targets.notFoundText]));
  });

  it('is healthy afterwards: /health answers 200 and valid requests are stored (202)', async () => {
    const health = await send({ method: 'GET', path: '/health', headers: {} });
    expect(health.status).toBe(200);
    const before = await countRows(app.database.url);
    const plain = await send({
      method: 'POST',
      path: catchPath(targets.flowId, targets.key),
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"order_number":1234}'),
    });
    expect(plain.status).toBe(202);
    // GitHub's published vector: the signed flow accepts a correct signature.
    const body = 'Hello, World!';
    expect(githubSignature(body)).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
    const signed = await send({
      method: 'POST',
      path: catchPath(targets.signedFlowId, targets.signedKey),
      headers: { 'content-type': 'text/plain', 'x-hub-signature-256': githubSignature(body) },
      body: Buffer.from(body),
    });
    expect({ status: signed.status, body: JSON.parse(signed.text) }).toEqual({
      status: 202,
      body: expect.objectContaining({ status: 'queued' }),
    });
    expect(await countRows(app.database.url)).toEqual({
      inbound_requests: before.inbound_requests + 2,
      runs: before.runs + 2,
    });
  });
});
