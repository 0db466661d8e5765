/**
 * Numbers at the edges of what Kubernetes' Go types hold (int32, int64,
 * float64) and past them, for planting at every numeric field of a valid
 * request (issue 17, item 8), and the documents' numeric paths to plant them at.
 */
import fc from 'fast-check';
import { allPaths } from './hostile-values.js';

const INT32_MAX = 2 ** 31 - 1;

export const NUMERIC_BOUNDARIES: readonly number[] = [
  0,
  -0,
  1,
  -1,
  INT32_MAX,
  INT32_MAX + 1,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 32 - 1,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 63,
  -(2 ** 63),
  2 ** 64,
  1e12,
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  0.5,
  1.5,
  -0.5,
  100.000001,
  65535,
  65536,
];

/** A boundary value, or any double (fast-check's own edge-biased choice). */
export const numericBoundary: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NUMERIC_BOUNDARIES) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31) - 10, max: 2 ** 31 + 10 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** Paths whose value in `valid` is a number. */
export function numericPaths(valid: unknown): (string | number)[][] {
  const paths = allPaths(valid).filter((path) => path.length > 0);
  return paths.filter((path) => typeof path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], valid) === 'number');
}
