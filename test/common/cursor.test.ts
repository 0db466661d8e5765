/** Keyset cursors round-trip and anything else is a 400 at the parameter's path. */
import { describe, expect, it } from 'vitest';
import { cursorTimestampSql, decodeCursor, encodeCursor } from '../../src/common/pagination/cursor.js';
import { InvalidInputError } from '../../src/kube/field-error.js';

describe('topology list cursors', () => {
  const position = { createdAt: '2026-01-02T03:04:05.123456Z', id: '3f0c4e0e-8a51-4c1e-9b43-7d2f5e1a9c00' };

  it('round-trips a position, keeping microseconds', () => {
    expect(decodeCursor(encodeCursor(position), 'cursor')).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'nope'],
    ['a JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['a millisecond timestamp', encodeCursor({ ...position, createdAt: '2026-01-02T03:04:05.123Z' })],
    ['a bad id', encodeCursor({ ...position, id: 'x' })],
  ])('rejects %s at the given path', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 'after')).toThrow(InvalidInputError);
    try {
      decodeCursor(cursor, 'after');
    } catch (error) {
      expect((error as InvalidInputError).errors).toEqual([{ path: 'after', message: 'is not a cursor returned by this API' }]);
    }
  });

  it('prints timestamps in UTC with microseconds in SQL', () => {
    expect(cursorTimestampSql('t.created_at')).toBe(`to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
  });
});
