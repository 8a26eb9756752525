import { decodeCursor, encodeCursor, isPageCursor } from './page-cursor.js';

const cursor = (createdAt: unknown, id: unknown, ...rest: unknown[]) =>
  Buffer.from(JSON.stringify([createdAt, id, ...rest])).toString('base64url');
const ID = '3f2c1a9e-8b7d-4c6e-9f00-123456789abc';

describe('isPageCursor', () => {
  it('accepts the cursors pages hand out', () => {
    expect(isPageCursor(cursor('2026-11-23 10:07:46.199+00', ID))).toBe(true);
    expect(isPageCursor(cursor('2024-02-29 23:59:59+05:30', ID))).toBe(true);
    expect(isPageCursor(cursor('0001-01-01 00:00:00-15:59', ID))).toBe(true);
  });

  it('refuses what would be a database error: bad ids, impossible dates, odd shapes', () => {
    const forged = [
      cursor('2026-01-01 00:00:00+00', '-'.repeat(36)),
      cursor('2026-13-45 25:61:61+00', ID),
      cursor('2025-02-29 00:00:00+00', ID),
      cursor('0000-01-01 00:00:00+00', ID),
      cursor('2026-01-01 00:00:00+16', ID),
      cursor('2026-01-01 00:00:00+00', ID, 'extra'),
      cursor(1, ID),
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('not json').toString('base64url'),
      'abc=',
      'a'.repeat(201),
      '',
    ];
    for (const value of forged) expect(isPageCursor(value)).toBe(false);
    expect(isPageCursor(['a', 'b'])).toBe(false);
  });
});

describe('encodeCursor and decodeCursor', () => {
  it('round-trip the created_at text and id of the last row of a page', () => {
    const next = encodeCursor('2026-11-23 10:07:46.199+00', ID);
    expect(isPageCursor(next)).toBe(true);
    expect(decodeCursor(next)).toEqual({ createdAt: '2026-11-23 10:07:46.199+00', id: ID });
    expect(decodeCursor(encodeCursor('2024-02-29 23:59:59+05:30', ID))?.createdAt).toBe(
      '2024-02-29 23:59:59+05:30',
    );
  });

  it('decode nothing that is not such a cursor', () => {
    for (const value of [
      cursor('2026-11-23T10:07:46Z', ID),
      cursor('2026-11-23 10:07:46+00', 'not-an-id'),
      cursor(1, ID),
      Buffer.from('not json').toString('base64url'),
      '',
    ]) {
      expect(decodeCursor(value)).toBeUndefined();
    }
  });
});
