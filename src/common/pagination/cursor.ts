/**
 * Opaque keyset cursors for lists ordered by (created_at, id). The timestamp
 * travels as Postgres printed it (UTC, microseconds; see
 * cursorTimestampSql), never through a JS Date,
 * which would round it to milliseconds and skip or repeat rows.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../kube/field-error.js';

export interface KeysetPosition {
  createdAt: string;
  id: string;
}

/** The form the listing queries print timestamps in: UTC with microseconds. */
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const positionSchema = z.object({ createdAt: z.string().regex(TIMESTAMP_PATTERN), id: z.uuid() });

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url');
}

/** Throws InvalidInputError at `path` for anything encodeCursor did not produce. */
export function decodeCursor(cursor: string, path: string): KeysetPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const parsed = positionSchema.safeParse({ createdAt, id });
    if (parsed.success) return parsed.data;
  } catch {
    // Fall through: not base64url JSON.
  }
  throw new InvalidInputError([{ path, message: 'is not a cursor returned by this API' }]);
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** SQL that prints a timestamptz column in the cursor's timestamp form. */
export function cursorTimestampSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
