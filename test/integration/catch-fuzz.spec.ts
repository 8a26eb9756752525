import fc from 'fast-check';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** 100 per kind keeps CI fast; FUZZ_RUNS=1000 for a deeper local run. */
const RUNS_PER_KIND = Number(process.env.FUZZ_RUNS ?? 100);
/** U+0000 (also percent-encoded) or a surrogate (also as a JSON escape) in what was sent. */
const TRICKY = new RegExp(String.raw`\u0000|%00|[\ud800-\udfff]|\\u[dD][89a-fA-F]|\\u0000`);
/** How many 202s of each kind are followed to the end of their run. */
const FOLLOWED = 4;

/** Any UTF-16 code unit (lone surrogates included), with the characters that matter weighted up. */
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', '"', '\\', '&', '=', '%', '+', '?'),
  fc.constantFrom('a', 'b', 'z', '1', ' '),
);
const text = fc.string({ unit, maxLength: 40 });
/** Bytes with NUL, bytes that are not UTF-8 (lone continuation, overlong, CESU surrogates) and UTF-8. */
const bytes = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.constantFrom(
        [0x00],
        [0xff],
        [0x80],
        [0xc0, 0x80],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
      ),
      text.map((s) => Buffer.from(s, 'utf8')),
    ),
    { maxLength: 6 },
  )
  .map((parts) => Buffer.concat(parts.map((part) => Buffer.from(part))));
const percentEncoded = bytes.map((b) =>
  [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join(''),
);
const formField = fc.tuple(fc.oneof(percentEncoded, text), fc.oneof(percentEncoded, text));

/**
 * Arbitrary strings (U+0000, lone surrogates, bytes that are not UTF-8) as JSON, text, form and
 * query string at a real catch URL: every answer is a 202 whose run finishes, or a 4xx with a
 * message; never a 5xx.
 */
describe('catch URL fuzzing', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let catchUrl: string;
  const answers: { kind: string; status: number }[] = [];
  const followed: { runId: string; expected?: unknown }[] = [];
  const seen = new Map<string, number>();

  /**
   * Checks one answer; of the 202s, follows the first FOLLOWED of a kind whose request held
   * U+0000 or a surrogate (`tricky`) and the first FOLLOWED that did not.
   */
  const check = (
    kind: string,
    reply: Awaited<ReturnType<typeof postToCatch>>,
    sent: { raw: string; expected?: unknown },
  ) => {
    answers.push({ kind, status: reply.status });
    if (reply.status === 202) {
      expect(typeof reply.body.runId).toBe('string');
      const group = `${kind} ${TRICKY.test(sent.raw)}`;
      const count = (seen.get(group) ?? 0) + 1;
      seen.set(group, count);
      if (count <= FOLLOWED) followed.push({ runId: reply.body.runId, expected: sent.expected });
      return;
    }
    const clientError = reply.status >= 400 && reply.status < 500;
    expect(clientError ? 'a 4xx' : { kind, status: reply.status, body: reply.body }).toBe('a 4xx');
    expect(reply.body.message).toEqual(expect.stringMatching(/\S/));
  };

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_RECONCILE_INTERVAL_MS: '500' });
    api = apiClient(app.url!);
    const created = await api.post('/api/v1/flows', {
      name: 'Fuzzed',
      trigger: { type: 'webhook', rateLimit: { perSecond: 100_000 } },
      steps: [{ id: 'a', action: 'core.transform', map: '$trigger' }],
    });
    expect(created.status).toBe(201);
    catchUrl = created.body.catchUrl;
  });
  afterAll(() => app.stop());

  const property = <T>(arbitrary: fc.Arbitrary<T>, post: (value: T) => Promise<void>) =>
    fc.assert(fc.asyncProperty(arbitrary, post), { numRuns: RUNS_PER_KIND });

  it('JSON bodies: any JSON value with any strings, and bytes that are not JSON', async () => {
    await property(fc.jsonValue({ stringUnit: unit, maxDepth: 4 }), async (value) => {
      const sent = JSON.stringify(value);
      check('json', await postToCatch(catchUrl, sent), { raw: sent, expected: JSON.parse(sent) });
    });
    await property(bytes, async (body) => {
      check('json-bytes', await postToCatch(catchUrl, body), { raw: body.toString('latin1') });
    });
  });

  it('text bodies: any bytes', async () => {
    await property(bytes, async (body) => {
      // Text is kept as decoded (U+FFFD for bytes that are not UTF-8); an empty body is null.
      const expected = body.length ? body.toString('utf8') : null;
      const sent = { raw: body.toString('latin1'), expected };
      check('text', await postToCatch(catchUrl, body, 'text/plain'), sent);
    });
  });

  it('form bodies: fields percent-encoded from any bytes, or raw', async () => {
    await property(fc.array(formField, { maxLength: 5 }), async (fields) => {
      const body = fields.map(([name, value]) => `${name}=${value}`).join('&');
      const reply = await postToCatch(catchUrl, body, 'application/x-www-form-urlencoded');
      check('form', reply, { raw: body });
    });
  });

  it('query strings: parameters percent-encoded from any bytes, or raw', async () => {
    await property(fc.array(formField, { maxLength: 5 }), async (fields) => {
      const query = fields.map(([name, value]) => `${name}=${value}`).join('&');
      check('query', await postToCatch(`${catchUrl}?${query}`, '{}'), { raw: query });
    });
  });

  it('ran every request it accepted that was followed, with its values as sent', async () => {
    const kinds = new Set(answers.filter((a) => a.status === 202).map((a) => a.kind));
    expect(['form', 'json', 'query', 'text'].filter((kind) => !kinds.has(kind))).toEqual([]);
    expect(answers.every((a) => a.status < 500)).toBe(true);
    // Requests with U+0000 or a surrogate were among those accepted and followed, of each kind.
    expect(['form', 'json', 'query', 'text'].filter((kind) => !seen.has(`${kind} true`))).toEqual(
      [],
    );
    for (const { runId, expected } of followed) {
      const run = await api.waitForRun(runId, 30_000);
      expect(run.status).toBe('succeeded');
      if (expected !== undefined) expect(run.trigger.body).toEqual(expected);
    }
  });
});
