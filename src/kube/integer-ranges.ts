/**
 * Go's integer widths, as the API server's JSON decoding enforces them: a
 * number that does not fit the field's Go type (`spec.replicas` is an int32,
 * `tolerationSeconds` an int64) is refused before validation ever runs
 * ("cannot unmarshal number 1000000000000 into Go struct field
 * DeploymentSpec.spec.replicas of type int32"). podplan refuses the same
 * values, at their path, instead of carrying them into arithmetic, array
 * sizes or int4 database columns.
 */

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;
/** -2^63, exactly representable as a double. */
export const INT64_MIN = -(2 ** 63);
/** 2^63: the first value past int64 (2^63 - 1 is not a double; it rounds to this). */
const INT64_END = 2 ** 63;

export type IntegerWidth = 'int32' | 'int64';

/** Whether `value` is an integer that a Go field of this width can hold. */
export function fitsInteger(value: unknown, width: IntegerWidth): value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return false;
  return width === 'int32' ? value >= INT32_MIN && value <= INT32_MAX : value >= INT64_MIN && value < INT64_END;
}

const RANGE_TEXT: Record<IntegerWidth, string> = {
  int32: `a 32-bit integer (${INT32_MIN} to ${INT32_MAX})`,
  int64: 'a 64-bit integer (-9223372036854775808 to 9223372036854775807)',
};

/** The reason `value` is not such an integer ("must be an integer" for a float or a string; the range past it), or undefined when it is. */
export function integerProblem(value: unknown, width: IntegerWidth): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
  return fitsInteger(value, width) ? undefined : `must be ${RANGE_TEXT[width]}`;
}
