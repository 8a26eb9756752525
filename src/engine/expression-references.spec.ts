import { parseAst, referencedSteps, usesVariable, walk } from './expression-references.js';

describe('referencedSteps', () => {
  it('finds plain, quoted and backquoted step ids', () => {
    expect(
      referencedSteps("$steps.deal.id & $steps.'notify-erp'.status & $steps.`x y`").sort(),
    ).toEqual(['deal', 'notify-erp', 'x y']);
  });

  it('looks inside objects, lambdas, conditions, predicates and function arguments', () => {
    const source = `{
      'a': $map(items, function($i){ $steps.lines[$i].id }),
      'b': total > 0 ? $steps.big : $steps.small,
      'c': items[sku = $steps.lookup.sku],
      'd': $string($steps.deal)
    }`;
    expect(referencedSteps(source).sort()).toEqual(['big', 'deal', 'lines', 'lookup', 'small']);
  });

  it('reports each id once and ignores look-alikes', () => {
    expect(referencedSteps('$steps.a.x + $steps.a.y')).toEqual(['a']);
    expect(referencedSteps('steps.deal')).toEqual([]);
    expect(referencedSteps('$trigger.body.steps.deal')).toEqual([]);
    expect(referencedSteps('$stepsX.deal')).toEqual([]);
    expect(referencedSteps("'$steps.deal'")).toEqual([]);
    expect(referencedSteps('/* $steps.deal */ 1')).toEqual([]);
    expect(referencedSteps('$count($steps)')).toEqual([]);
  });

  it('has nothing to say about a source that does not compile', () => {
    expect(referencedSteps('$steps.deal.')).toEqual([]);
  });
});

describe('usesVariable', () => {
  it('sees any mention of the variable, bare or in a path', () => {
    expect(usesVariable('$count($steps) > 0', 'steps')).toBe(true);
    expect(usesVariable('$steps.deal', 'steps')).toBe(true);
    expect(usesVariable('steps.deal and $trigger.steps', 'steps')).toBe(false);
    expect(usesVariable('$steps.', 'steps')).toBe(false);
  });
});

describe('the shared tree walk (used by step and secret references)', () => {
  it('parses to a tree, or undefined when the source does not compile', () => {
    expect(parseAst('(')).toBeUndefined();
    expect(parseAst('$a.b')).toMatchObject({ type: 'path' });
  });

  it('visits every node once, arrays included, and nothing of a missing tree', () => {
    const shared = { type: 'string', value: 'x' };
    const tree = {
      type: 'block',
      expressions: [shared, { type: 'unary', lhs: [[shared, shared]] }],
    };
    const seen: unknown[] = [];
    walk(tree, (node) => seen.push(node));
    expect(seen.filter((node) => node === shared)).toHaveLength(1);
    expect(seen).toHaveLength(3);
    walk(undefined, (node) => seen.push(node));
    expect(seen).toHaveLength(3);
  });
});
