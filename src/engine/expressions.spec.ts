import {
  compileExpression,
  DEFAULT_EXPRESSION_LIMITS,
  ExpressionError,
  type ExpressionLimits,
  ExpressionSyntaxError,
  referencedSteps,
} from './expressions.js';
import { FatalError } from './step-errors.js';

describe('expressions', () => {
  it('evaluates against the body with bindings, returning plain JSON', async () => {
    const expression = compileExpression(
      "{ 'n': order_number, 'shop': $trigger.headers.shop, 'ids': items.id }",
      'steps[0].map',
    );
    const result = await expression.evaluate(
      { order_number: 7, items: [{ id: 1 }, { id: 2 }] },
      { trigger: { headers: { shop: 'a' } } },
    );
    expect(result).toEqual({ n: 7, shop: 'a', ids: [1, 2] });
    expect(JSON.stringify(result)).toBe('{"n":7,"shop":"a","ids":[1,2]}');
  });

  it('reports syntax errors with the path and the position', () => {
    expect(() => compileExpression('{ "a": ', 'steps[1].map')).toThrow(ExpressionSyntaxError);
    try {
      compileExpression('{ "a": ', 'steps[1].map');
    } catch (error) {
      expect((error as ExpressionSyntaxError).message).toMatch(
        /^steps\[1\]\.map: JSONata syntax error at position \d+: /,
      );
    }
  });

  it('stops a runaway expression quickly with a clear message', async () => {
    const recursion = compileExpression('($f := function($x){ $f($x) }; $f(1))', 'steps[0].map');
    const started = Date.now();
    await expect(recursion.evaluate({}, {})).rejects.toThrow(ExpressionError);
    await expect(recursion.evaluate({}, {})).rejects.toThrow(
      /^steps\[0\]\.map: expression (took longer than 250 ms|recursed deeper)/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    const range = compileExpression('$sum([1..1000000000])', 'steps[0].map');
    await expect(range.evaluate({}, {})).rejects.toThrow(/^steps\[0\]\.map: /);
  });

  it('finds $steps references, quoted names included, and nothing else', () => {
    expect(
      referencedSteps(
        "{ 'a': $steps.deal.id, 'b': $steps.'notify-erp'.status, 'c': $steps.`x y` }",
      ).sort(),
    ).toEqual(['deal', 'notify-erp', 'x y']);
    expect(referencedSteps('$trigger.body.steps.deal')).toEqual([]);
    expect(referencedSteps('$count($steps)')).toEqual([]);
  });
});

describe('expression guardrails and failures', () => {
  const failureOf = async (source: string, input: unknown = {}, limits?: ExpressionLimits) => {
    const started = Date.now();
    const error = await compileExpression(source, 'steps[0].map', limits)
      .evaluate(input, {})
      .then(() => undefined)
      .catch((caught: unknown) => caught);
    return { error: error as ExpressionError, ms: Date.now() - started };
  };

  it('stops a tail-recursive runaway on the timeout, well under a second', async () => {
    const { error, ms } = await failureOf('($f := function($x){ $f($x) }; $f(1))');
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toBeInstanceOf(FatalError);
    expect(error.message).toMatch(
      /^steps\[0\]\.map: expression took longer than 250 ms \(guardrail\)/,
    );
    expect(error.path).toBe('steps[0].map');
    expect(ms).toBeLessThan(900);
  });

  it('stops a long-running loop on a custom timeout', async () => {
    const limits = { ...DEFAULT_EXPRESSION_LIMITS, timeoutMs: 50 };
    const countdown = '($f := function($n){ $n = 0 ? 0 : $f($n - 1) }; $f(1e9))';
    const { error, ms } = await failureOf(countdown, {}, limits);
    expect(error.message).toMatch(/^steps\[0\]\.map: expression took longer than 50 ms/);
    expect(ms).toBeLessThan(500);
  });

  it('stops a non-tail recursion on the stack limit within milliseconds', async () => {
    const { error, ms } = await failureOf('($f := function($x){ 1 + $f($x) }; $f(1))');
    expect(error.message).toMatch(
      /^steps\[0\]\.map: expression recursed or nested deeper than 500 levels \(guardrail\)/,
    );
    expect(ms).toBeLessThan(500);
  });

  it('allows honest recursion below the limits', async () => {
    const sum = '($f := function($n){ $n <= 0 ? 0 : $n + $f($n - 1) }; $f(50))';
    await expect(compileExpression(sum, 'p').evaluate({}, {})).resolves.toBe(1275);
  });

  it('stops oversized sequences', async () => {
    const { error } = await failureOf('[1..1000000]');
    expect(error.message).toBe(
      'steps[0].map: expression built a sequence of more than 100000 items (guardrail)',
    );
    const items = Array.from({ length: 100_001 }, (_, sku) => ({ sku }));
    expect((await failureOf('items.sku', { items })).error.message).toMatch(/guardrail/);
  });

  it('names an undefined function and other JSONata errors with their position', async () => {
    expect((await failureOf('$nofn(1)')).error.message).toBe(
      'steps[0].map: $nofn at position 6 is an undefined function (or not a function)',
    );
    expect((await failureOf("$error('no total')")).error.message).toMatch(
      /^steps\[0\]\.map: no total \(D3137 at position \d+\)$/,
    );
    expect((await failureOf("1 + 'a'")).error.reason).toMatch(/must evaluate to a number/);
  });

  it('refuses results that have no JSON form instead of storing them wrongly', async () => {
    expect((await failureOf('function($x){ $x }')).error.message).toBe(
      'steps[0].map: result is not JSON: a function has no JSON form',
    );
    expect((await failureOf("{ 'Amount': 1 / 0 }")).error.message).toBe(
      'steps[0].map: result is not JSON: a non-finite number (Infinity) has no JSON form at .Amount',
    );
  });

  it('returns plain arrays without JSONata sequence flags, undefined for no match', async () => {
    const result = await compileExpression('items.id', 'p').evaluate(
      { items: [{ id: 1 }, { id: 2 }] },
      {},
    );
    expect(result).toEqual([1, 2]);
    expect(Object.keys(result as object)).toEqual(['0', '1']);
    await expect(compileExpression('missing', 'p').evaluate({}, {})).resolves.toBeUndefined();
  });

  it('gives syntax errors the path, the position and JSONata message', () => {
    const error = (() => {
      try {
        compileExpression('{ "a": 1 ', 'trigger.filter');
      } catch (caught) {
        return caught as ExpressionSyntaxError;
      }
    })();
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    expect(error).toMatchObject({ path: 'trigger.filter', position: 9 });
    expect(error?.message).toBe(
      'trigger.filter: JSONata syntax error at position 9: Expected "}" before end of expression',
    );
    expect(() => compileExpression('', 'steps[0].when')).toThrow(
      'steps[0].when: JSONata syntax error at position 0: Unexpected end of expression',
    );
  });

  it('compiles once and evaluates many times, concurrently', async () => {
    const expression = compileExpression('$item * 2', 'p');
    const results = await Promise.all([1, 2, 3].map((item) => expression.evaluate({}, { item })));
    expect(results).toEqual([2, 4, 6]);
    expect(expression).toMatchObject({ source: '$item * 2', path: 'p' });
  });
});

describe('where expressions run (ADR 0004)', () => {
  it('keeps bounded expressions on the event loop and isolates the rest, saying why', () => {
    expect(compileExpression("{ 'n': $number(total), 'sku': $uppercase(sku) }", 'p').isolated).toBe(
      undefined,
    );
    expect(compileExpression('$contains(s, /^(a+)+$/)', 'p').isolated).toBe('a regular expression');
    expect(compileExpression('($f := function($x){ $x }; $f(1))', 'p').isolated).toBe(
      'a function definition',
    );
  });

  it('bounds what one in-process call or the result can build from shared values', async () => {
    const input = { big: 'y'.repeat(500_000), items: Array.from({ length: 100 }, (_, i) => i) };
    const failure = (source: string) =>
      compileExpression(source, 'steps[0].map')
        .evaluate(input, {})
        .then(
          () => 'resolved',
          (error: Error) => error.message,
        );
    expect(await failure('$string(items.($$.big))')).toBe(
      'steps[0].map: $string would build more than 33554432 characters (guardrail): reduce its input or width',
    );
    expect(await failure("$join(items.($$.big), ',')")).toMatch(
      /^steps\[0\]\.map: \$join would build more/,
    );
    expect(await failure('items.($$.big)')).toMatch(
      /^steps\[0\]\.map: expression result exceeded 33554432 characters of JSON \(guardrail\)/,
    );
    await expect(
      compileExpression("$join(['a', 'b'], '-') & $string({ 'k': 1 })", 'p').evaluate({}, {}),
    ).resolves.toBe('a-b{"k":1}');
  });
});
