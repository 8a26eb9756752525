import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/query';
import { problemDiagnostics, problemsOf } from './problems';

const TEXT = '{\n  "steps": [\n    { "id": "a", "action": "core.nope" }\n  ]\n}';

describe('problemsOf', () => {
  it("reads a 400's details", () => {
    const details = [{ path: 'steps[0].action', message: "unknown action 'core.nope'" }];
    const error = new ApiError('Flow definition is invalid: …', 400, { statusCode: 400, details });
    expect(problemsOf(error)).toEqual(details);
  });

  it('is undefined for other failures, whose message the page shows', () => {
    expect(problemsOf(new ApiError('Forbidden', 403, { details: [] }))).toBeUndefined();
    expect(problemsOf(new ApiError('Bad', 400, { message: 'Bad' }))).toBeUndefined();
    expect(problemsOf(new ApiError('Bad', 400, { details: [{ nope: 1 }] }))).toBeUndefined();
    expect(problemsOf(new Error('network'))).toBeUndefined();
  });
});

describe('problemDiagnostics', () => {
  it('puts each problem at its node, naming its path', () => {
    const [diagnostic] = problemDiagnostics(TEXT, [
      { path: 'steps[0].action', message: "unknown action 'core.nope'" },
    ]);
    expect(TEXT.slice(diagnostic.from, diagnostic.to)).toBe('"core.nope"');
    expect(diagnostic).toMatchObject({
      severity: 'error',
      message: "steps[0].action: unknown action 'core.nope'",
    });
  });

  it('says where a missing node is shown', () => {
    const [diagnostic] = problemDiagnostics(TEXT, [
      { path: 'steps[0].connection', message: 'needs a connection' },
    ]);
    expect(diagnostic.message).toBe(
      'steps[0].connection (missing: shown at steps[0]): needs a connection',
    );
    const [root] = problemDiagnostics(TEXT, [{ path: '', message: 'must be an object' }]);
    expect(root.message).toBe('the definition: must be an object');
  });
});
