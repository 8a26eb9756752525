import jsonata from 'jsonata';
import { compileExpression, ExpressionError } from './expressions.js';
import {
  closeExpressionPool,
  configureExpressionPool,
  DEFAULT_POOL_OPTIONS,
  ExpressionPool,
  type PoolTask,
} from './expression-pool.js';
import { toPlainJson } from './plain-json.js';
import { RetryableError } from './step-errors.js';

const LIMITS = { timeout: 250, stack: 500, sequence: 100_000 };
const task = (source: string, input: unknown = {}): PoolTask => ({
  source,
  limits: LIMITS,
  maxOutput: 32 * 1024 * 1024,
  input,
  bindings: { trigger: { headers: { shop: 'a' } } },
});
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

/** Longest gap between timer ticks while `work` runs: the event loop must stay free. */
async function longestStall(work: Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  await work.catch(() => undefined);
  clearInterval(ticker);
  return longest;
}

afterAll(() => closeExpressionPool());

describe('isolated expressions (issue 15, item 9)', () => {
  const catastrophic = { s: `${'a'.repeat(28)}!` };

  it('stops a catastrophic regular expression at 1000 ms while the event loop keeps ticking', async () => {
    const expression = compileExpression('$contains(s, /^(a+)+$/)', 'steps[0].map');
    expect(expression.isolated).toBe('a regular expression');
    const started = Date.now();
    const evaluation = failureOf(expression.evaluate(catastrophic, {}));
    // In process it held the event loop for about 10 s; generous bound for a loaded machine.
    expect(await longestStall(evaluation)).toBeLessThan(500);
    const error = await evaluation;
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error?.message).toMatch(
      /^steps\[0\]\.map: expression exceeded 1000 ms \(isolated evaluation limit\): .*regular expression/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("refuses $pad('', 1e8, 'x') before allocating it", async () => {
    const error = await failureOf(
      compileExpression("$pad('', 1e8, 'x')", 'steps[0].map').evaluate({}, {}),
    );
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error?.message).toBe(
      'steps[0].map: $pad would build more than 33554432 characters (guardrail): reduce its input or width',
    );
  });

  it("holds $split(s, '') to the sequence limit", async () => {
    const s = 'x'.repeat(5_000_000);
    const error = await failureOf(compileExpression("$split(s, '')", 'p').evaluate({ s }, {}));
    expect(error?.message).toBe(
      'p: expression built a sequence of more than 100000 items (guardrail)',
    );
    await expect(
      compileExpression("$split(s, ',')", 'p').evaluate({ s: 'a,b' }, {}),
    ).resolves.toEqual(['a', 'b']);
  });

  it('fails an expression that outgrows the 64 MB heap, and the next one runs', async () => {
    // A pool of its own with time to spare: on a loaded host the heap limit must be what
    // stops this one, not the 1000 ms budget.
    configureExpressionPool({ timeoutMs: 20_000 });
    const hungry = "$uppercase($pad('', 30000000, '€'))";
    const error = await failureOf(compileExpression(hungry, 'p').evaluate({}, {})).finally(() =>
      configureExpressionPool(DEFAULT_POOL_OPTIONS),
    );
    expect(error?.message).toMatch(
      /^p: expression exceeded 64 MB \(isolated evaluation memory limit\)/,
    );
    await expect(compileExpression('[1..3]', 'p').evaluate({}, {})).resolves.toEqual([1, 2, 3]);
  });
  it('refuses an evaluation caught by shutdown as retryable; the next use starts a new pool', async () => {
    const expression = compileExpression('$contains(s, /^(a+)+$/)', 'steps[1].when');
    const caught = failureOf(expression.evaluate(catastrophic, {}));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closeExpressionPool();
    const error = await caught;
    expect(error).toBeInstanceOf(RetryableError);
    expect(error?.message).toBe('steps[1].when: expression pool shut down while evaluating');
    await expect(compileExpression('[1..2]', 'p').evaluate({}, {})).resolves.toEqual([1, 2]);
  });
});

describe('ExpressionPool', () => {
  let pool: ExpressionPool;
  beforeEach(() => {
    pool = new ExpressionPool({ size: 1, timeoutMs: 300, memoryMb: 64, maxQueue: 2 });
  });
  afterEach(() => pool.close());

  it.each([
    ["{ 'n': order_number, 'shop': $trigger.headers.shop, 'ids': items.id }"],
    ['items[price > 1].sku'],
    ["$pad('ab', 5000, 'x😀') & '|' & $pad('cd', -4100)"],
    ["$join(items.sku, ', ')"],
    ['missing'],
  ])('gives the same result as in-process JSONata: %s', async (source) => {
    const input = {
      order_number: 7,
      items: [
        { id: 1, sku: 'a', price: 2 },
        { id: 2, sku: 'b', price: 1 },
      ],
    };
    const { bindings } = task(source);
    const expected = toPlainJson(await jsonata(source).evaluate(input, bindings));
    const answer = await pool.run(task(source, input));
    expect(answer).toEqual({ ok: true, value: expected });
  });

  it('replaces a worker stopped on timeout or killed mid-evaluation', async () => {
    await pool.run(task('1'));
    const [first] = pool.workers();
    const timedOut = await failureOf(
      pool.run(task('$contains(s, /^(a+)+$/)', { s: `${'a'.repeat(28)}!` })),
    );
    expect(timedOut?.message).toMatch(/^expression exceeded 300 ms/);
    await expect(pool.run(task('1 + 1'))).resolves.toEqual({ ok: true, value: 2 });
    const [second] = pool.workers();
    expect(second.threadId).not.toBe(first.threadId);

    const running = failureOf(
      pool.run(task('$contains(s, /^(a+)+$/)', { s: `${'a'.repeat(28)}!` })),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await second.terminate();
    expect((await running)?.message).toMatch(/^expression worker stopped \(exit code 1\)/);
    await expect(pool.run(task('2 + 2'))).resolves.toEqual({ ok: true, value: 4 });
    expect(pool.workers()[0].threadId).not.toBe(second.threadId);
  });

  it('returns a large result, then replaces the worker whose heap it filled', async () => {
    await pool.run(task('1'));
    const [before] = pool.workers();
    const answer = await pool.run(task("$pad('', 5000000, 'x')"));
    expect(answer.ok && (answer.value as string).length).toBe(5_000_000);
    expect(pool.workers()).toEqual([]);
    await expect(pool.run(task('3'))).resolves.toEqual({ ok: true, value: 3 });
    expect(pool.workers()[0].threadId).not.toBe(before.threadId);
  });

  it('queues work beyond its workers, refuses a full queue, and refuses all at close', async () => {
    await pool.run(task('0')); // a worker is up: one evaluation runs, two wait
    const queued = [pool.run(task('1')), pool.run(task('2')), pool.run(task('3'))];
    const refused = await failureOf(pool.run(task('4')));
    expect(refused).toBeInstanceOf(RetryableError);
    expect(refused?.message).toMatch(/^expression pool is busy \(2 evaluations waiting\)/);
    expect(await Promise.all(queued)).toEqual([1, 2, 3].map((value) => ({ ok: true, value })));

    const waiting = [
      pool.run(task('$contains(s, /^(a+)+$/)', { s: `${'a'.repeat(28)}!` })),
      pool.run(task('5')),
    ].map(failureOf);
    await pool.close();
    for (const error of await Promise.all(waiting)) {
      expect(error).toBeInstanceOf(RetryableError);
    }
    expect(pool.workers()).toEqual([]);
  });

  it('carries JSONata failures and functions in results back for the same messages', async () => {
    const undefinedFunction = await pool.run(task('$nofn(1)'));
    expect(undefinedFunction).toMatchObject({
      ok: false,
      failure: { code: 'T1006', token: 'nofn', position: 6 },
    });
    await expect(
      compileExpression("{ 'f': [function($x){ $x }] }", 'p').evaluate({}, {}),
    ).rejects.toThrow('p: result is not JSON: a function has no JSON form at .f[0]');
  });
});
