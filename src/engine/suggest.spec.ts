import { closest, editDistance } from './suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['createDeall', 'createDeal', 1],
    ['flaw', 'lawn', 2],
  ])('%s -> %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closest', () => {
  const names = ['core.delay', 'core.transform', 'http.request', 'zoho-crm.createDeal'];

  it('suggests the nearest name for a likely typo, ignoring case', () => {
    expect(closest('zoho-crm.createDeall', names)).toBe('zoho-crm.createDeal');
    expect(closest('http.requst', names)).toBe('http.request');
    expect(closest('Core.Delay', names)).toBe('core.delay');
  });

  it('stays quiet when nothing is close', () => {
    expect(closest('slack.post', names)).toBeUndefined();
    expect(closest('x.y', names)).toBeUndefined();
    expect(closest('anything', [])).toBeUndefined();
  });
});
