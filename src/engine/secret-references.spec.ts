import {
  fillSecretPlaceholders,
  literalCredentials,
  referencedSecrets,
  stepSecretNames,
  usesSecrets,
} from './secret-references.js';

describe('secret references', () => {
  it('finds $secrets.NAME in every quoting, and never in strings or other paths', () => {
    expect(referencedSecrets("$secrets.A & $secrets.'B' & $secrets.`C-1`").sort()).toEqual([
      'A',
      'B',
      'C-1',
    ]);
    expect(referencedSecrets("'$secrets.X' & body.secrets.Y")).toEqual([]);
    expect(referencedSecrets('(')).toEqual([]);
    expect(usesSecrets('$lookup($secrets, name)')).toBe(true);
    expect(usesSecrets('secrets.a')).toBe(false);
  });

  it("collects a step's names from its expressions and static input placeholders", () => {
    const step = {
      id: 's',
      action: 'http.request',
      input: { headers: { a: { $secret: 'H' } }, list: [{ $secret: 'L' }], not: { $secret: 2 } },
      map: "{ 'x': $secrets.M }",
      when: '$secrets.W != null',
    };
    expect(stepSecretNames(step)).toEqual(['H', 'L', 'M', 'W']);
  });

  it('fills placeholders without changing the original', () => {
    const input = { a: [{ $secret: 'X' }], b: { $secret: 'X', extra: 1 } };
    expect(fillSecretPlaceholders(input, { X: 'v' })).toEqual({
      a: ['v'],
      b: { $secret: 'X', extra: 1 },
    });
    expect(input.a[0]).toEqual({ $secret: 'X' });
  });

  it('finds credentials a map writes from string literals, not from data or secrets', () => {
    const declared = { secretInputs: ['sign.secret'], credentialHeaderInputs: ['headers'] };
    const credential = (name: string) => /authorization|token/i.test(name);
    const find = (source: string) => literalCredentials(source, declared, credential);
    expect(
      find(
        "{ 'headers': { 'Authorization': 'Bearer ' & 'abc', 'X-Token': 'x' }, 'sign': { 'secret': 'lit' } }",
      ),
    ).toEqual(['sign.secret', 'headers.Authorization', 'headers.X-Token']);
    expect(
      find(
        "( $x := 1; { 'headers': { 'Authorization': 'Bearer ' & $secrets.T, 'X-Token': $trigger.headers.'x-token', 'Accept': 'a' }, 'body': { 'token': 'fine' } } )",
      ),
    ).toEqual([]);
    expect(find('(')).toEqual([]);
  });
});
