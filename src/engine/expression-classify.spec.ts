import jsonata from 'jsonata';
import { isolationReason } from './expression-classify.js';

const reasonFor = (source: string) => isolationReason(jsonata(source).ast());

describe('isolationReason', () => {
  it.each([
    "{ 'n': order_number, 'shop': $trigger.headers.'x-shop', 'ids': items.id }",
    'items[price > 1]{ sku: $sum(qty) }',
    '$string(a) ~> $uppercase',
    "$contains(email, '@') ? $substringBefore(email, '@') : null",
    "($total := $sum(items.(price * qty)); { 'total': $round($total, 2) })",
    "$join(items.sku, ', ') & ' ' & $count(items)",
    "$merge([$, { 'at': $now() }])",
    "| $ | { 'x': 1 } |",
    'items^(>price)[0].sku',
    '$exists($steps.deal.id) and $boolean(flag)',
    "$lookup($, 'a b').**.c",
  ])('runs %s in process', (source) => {
    expect(reasonFor(source)).toBeUndefined();
  });

  it.each([
    ['$contains(s, /^(a+)+$/)', 'a regular expression'],
    ['items[sku ~> /x/]', 'a regular expression'],
    ["$pad('', 1e8, 'x')", 'a call to $pad'],
    ["$split(s, '')", 'a call to $split'],
    ["$replace(s, 'a', 'b')", 'a call to $replace'],
    ["$match(s, 'a')", 'a call to $match'],
    ["$eval('1 + 1')", 'a call to $eval'],
    ['($f := function($x){ $f($x) }; $f(1))', 'a function definition'],
    ['$map(items, $string)', 'a call to $map'],
    ['[1..10]', 'a range'],
    ['$substring(?, 1)', 'a partial function application'],
    ['($p := $pad; $p(s, 9))', 'a reference to $pad'],
    ['$nofn(1)', 'a call to $nofn'],
    ['$steps.x.fn(1)', 'a call to a computed function'],
  ])('isolates %s (%s)', (source, reason) => {
    expect(reasonFor(source)).toBe(reason);
  });
});
