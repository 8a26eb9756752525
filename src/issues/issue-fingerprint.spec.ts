import { issueFingerprint, normaliseMessage } from './issue-fingerprint.js';

describe('issue fingerprints', () => {
  it('groups by the error code when the step reported one', () => {
    expect(issueFingerprint('HTTP_422', 'HTTP 422: order 17 refused')).toBe('code:HTTP_422');
    expect(issueFingerprint('HTTP_422', 'something else')).toBe('code:HTTP_422');
  });

  it('strips quoted values, ids and numbers from a message without a code', () => {
    const a = issueFingerprint(null, `record '4711' not found after 3 tries`);
    const b = issueFingerprint(null, 'record "99" not found after 5 tries');
    expect(a).toBe('message:record <q> not found after <n> tries');
    expect(b).toBe(a);
  });

  it('takes out uuids, mixed ids and decimals, and keeps the words', () => {
    expect(
      normaliseMessage('run 0b6f7d2e-6c1a-4c2b-9d7e-3f1a2b3c4d5e: deal ZC_8812ab9 over 1,250.50'),
    ).toBe('run <id>: deal <id> over <n>');
    expect(normaliseMessage('  Expression   `$.total * 2`  failed\n')).toBe(
      'Expression <q> failed',
    );
    expect(normaliseMessage('timeout')).toBe('timeout');
  });

  it('tells apart failures whose code only names their class (fatal, retryable, error)', () => {
    const a = issueFingerprint(
      'fatal',
      'steps[0].map: invoice 7 has no total (D3137 at position 7)',
    );
    const b = issueFingerprint(
      'fatal',
      'steps[0].map: invoice 9 has no total (D3137 at position 7)',
    );
    expect(a).toBe('fatal:steps[<n>].map: invoice <n> has no total (D<n> at position <n>)');
    expect(b).toBe(a);
    expect(issueFingerprint('fatal', 'contact missing')).not.toBe(a);
    expect(issueFingerprint('retryable', 'busy')).toBe('retryable:busy');
    expect(issueFingerprint('timeout', 'took 30000 ms')).toBe('code:timeout');
  });

  it('keeps distinct messages apart, and bounds the key', () => {
    expect(normaliseMessage('contact missing')).not.toBe(normaliseMessage('deal missing'));
    expect(normaliseMessage('x'.repeat(500))).toHaveLength(200);
    expect(issueFingerprint(null, null)).toBe('message:');
  });
});
