import { apiKeyHint, bearerToken, generateApiKey, hashApiKey, sameHash } from './api-key-token.js';

describe('api key tokens', () => {
  it('makes 256-bit random keys with a recognisable prefix', () => {
    const a = generateApiKey();
    expect(a).toMatch(/^fh_[A-Za-z0-9_-]{43}$/);
    expect(generateApiKey()).not.toBe(a);
  });

  it('hashes with SHA-256 and compares hashes', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toHaveLength(32);
    expect(sameHash(hashApiKey(key), hashApiKey(key))).toBe(true);
    expect(sameHash(hashApiKey(key), hashApiKey(`${key}x`))).toBe(false);
    expect(sameHash(hashApiKey(key), Buffer.alloc(3))).toBe(false);
  });

  it('shows only the start of a key as its hint', () => {
    expect(apiKeyHint('fh_abcdefghijk')).toBe('fh_abcd…');
    expect(apiKeyHint('some-admin-key-from-env')).toBe('some…');
  });

  it('reads bearer tokens and nothing else', () => {
    expect(bearerToken('Bearer fh_abc')).toBe('fh_abc');
    expect(bearerToken('bearer  fh_abc ')).toBe('fh_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
