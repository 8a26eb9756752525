import {
  compileExpression,
  ExpressionError,
  ExpressionSyntaxError,
  referencedSteps,
} from './expressions.js';

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
