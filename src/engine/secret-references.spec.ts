import { mayWriteKey } from './literal-credentials.js';
import {
  fillSecretPlaceholders,
  literalCredentials,
  referencedSecrets,
  secretMarks,
  stepSecretNames,
  usesSecrets,
} from './secret-references.js';
import { validateFlow } from './validate-flow.js';

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

  it('follows block variables and object constructors nested under the credential key (C4)', () => {
    const declared = {
      secretInputs: ['sign.secret'],
      credentialHeaderInputs: ['headers'],
      credentialQueryInputs: ['query'],
    };
    const credential = (name: string) => /authorization|token|api_key/i.test(name);
    const find = (source: string) => literalCredentials(source, declared, credential, credential);
    expect(find("($t := 'Bearer abc'; {'headers': {'Authorization': $t}})")).toEqual([
      'headers.Authorization',
    ]);
    expect(find("{'headers': $merge([{'Authorization': 'Bearer abc'}, {'A': 'b'}])}")).toEqual([
      'headers.Authorization',
    ]);
    expect(find("($h := {'X-Token': 'lit'}; $merge([{'headers': $h}]))")).toEqual([
      'headers.X-Token',
    ]);
    expect(find("($s := 'lit-sign'; {'sign': {'secret': $s}})")).toEqual(['sign.secret']);
    expect(
      find("($f := function() { 'x' & 'abc' }; {'headers': {'Authorization': $f()}})"),
    ).toEqual(['headers.Authorization']);
    expect(find("{'query': {'api_key': 'abc'}}")).toEqual(['query.api_key']);
    expect(
      find(
        "($t := $secrets.T; {'headers': {'Authorization': 'Bearer ' & $t}, 'body': {'token': 'x'}})",
      ),
    ).toEqual([]);
  });

  it('tells whether a map may set the url', () => {
    expect(mayWriteKey("{'body': 1, 'headers': {'url': 'x'}}", 'url')).toBe(false);
    expect(mayWriteKey("($a := 1; {'body': $a})", 'url')).toBe(false);
    expect(mayWriteKey("{'url': 'https://x'}", 'url')).toBe(true);
    expect(mayWriteKey("$merge([{'body': 1}])", 'url')).toBe(true);
    expect(mayWriteKey('{$k: 1}', 'url')).toBe(true);
  });

  it('binds $secrets to marks for the run record', () => {
    expect(secretMarks(['A', 'B'])).toEqual({ A: '[secret:A]', B: '[secret:B]' });
  });

  it('refuses $secrets outside the map and input of an action that declares its destination', () => {
    const actions: Record<string, { action: { destinationInput?: string } }> = {
      'http.request': { action: { destinationInput: 'url' } },
      'core.transform': { action: {} },
    };
    const catalog = {
      actionNames: () => Object.keys(actions),
      getAction: (n: string) => actions[n],
    };
    const flow = (steps: object[]) => ({ name: 'f', trigger: { type: 'webhook' as const }, steps });
    const problems = validateFlow(
      flow([
        { id: 'a', action: 'core.transform', map: "{'x': $substring($secrets.ERP, 1)}" },
        { id: 'b', action: 'core.transform', input: { x: { $secret: 'ERP' } } },
        {
          id: 'c',
          action: 'http.request',
          when: "$secrets.ERP = 'x'",
          map: "{'body': $secrets.ERP}",
        },
        { id: 'd', action: 'http.request', forEach: '$split($secrets.ERP, "")' },
        { id: 'e', action: 'http.request', map: "{'body': $substring($secrets.ERP, 2)}" },
      ]) as never,
      catalog,
    );
    expect(problems.map((p) => p.path)).toEqual([
      'steps[0]',
      'steps[1]',
      'steps[2].when',
      'steps[3].forEach',
    ]);
    expect(problems[0].message).toMatch(
      /^core\.transform cannot use secrets: .*use \$secrets only in the map or input of an http\.request step$/,
    );
    expect(problems[2].message).toMatch(/^cannot use \$secrets: what when returns/);
  });
});
