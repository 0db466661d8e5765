/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource).
 *
 * Values are computed exactly with BigInt and rounded up, as Quantity.Value()
 * and Quantity.MilliValue() do, so "0.1" cpu is 100 millicores, never 101.
 */
import { echoed } from './echoed-value.js';

const BINARY_SUFFIXES: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

/** Decimal SI suffixes as powers of ten. */
const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY_PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** An exact quantity: numerator / denominator, both BigInt. */
interface ExactQuantity {
  numerator: bigint;
  denominator: bigint;
}

export class QuantityError extends Error {}

function parseExact(input: string): ExactQuantity {
  const match = QUANTITY_PATTERN.exec(input);
  if (!match) {
    throw new QuantityError(`"${echoed(input)}" is not a valid quantity (expected e.g. "500m", "2", "1Gi", "1e3")`);
  }
  const [, sign, digits, suffix = ''] = match;
  const [whole, fraction = ''] = digits.split('.');
  let numerator = BigInt((whole || '0') + fraction);
  let denominator = 10n ** BigInt(fraction.length);
  if (sign === '-') numerator = -numerator;
  if (suffix in BINARY_SUFFIXES) {
    numerator *= BINARY_SUFFIXES[suffix];
  } else {
    const exponent = suffix in DECIMAL_SUFFIXES ? DECIMAL_SUFFIXES[suffix] : Number(suffix.slice(1));
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100) {
      throw new QuantityError(`"${echoed(input)}" has an exponent out of range`);
    }
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  return { numerator, denominator };
}

function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator > 0n ? quotient + 1n : quotient;
}

function toSafeNumber(value: bigint, input: string): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new QuantityError(`"${echoed(input)}" is too large`);
  return result;
}

/** Quantity.Value(): the value rounded up to a whole number (bytes, pods, GPUs). */
export function quantityValue(input: string | number): number {
  const { numerator, denominator } = parseExact(String(input));
  return toSafeNumber(ceilDivide(numerator, denominator), String(input));
}

/** Quantity.MilliValue(): the value in thousandths, rounded up (millicores). */
export function quantityMilliValue(input: string | number): number {
  const { numerator, denominator } = parseExact(String(input));
  return toSafeNumber(ceilDivide(numerator * 1000n, denominator), String(input));
}

/** True when the string is a well-formed Kubernetes quantity. */
export function isQuantity(input: unknown): boolean {
  if (typeof input !== 'string' && typeof input !== 'number') return false;
  return QUANTITY_PATTERN.test(String(input));
}

/** Quantity.Cmp: -1, 0 or 1, exactly (no rounding, no size limit). */
export function compareQuantities(a: string | number, b: string | number): number {
  const left = parseExact(String(a));
  const right = parseExact(String(b));
  const difference = left.numerator * right.denominator - right.numerator * left.denominator;
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

/** The sign of a quantity (-1, 0, 1), whatever its size. */
export function quantitySign(input: string | number): number {
  const { numerator } = parseExact(String(input));
  return numerator > 0n ? 1 : numerator < 0n ? -1 : 0;
}

/** The quantity in billionths, exactly for every suffix down to `n` (rounded up below that): counters add and compare without loss. */
export function quantityNanos(input: string | number): bigint {
  const { numerator, denominator } = parseExact(String(input));
  return ceilDivide(numerator * 1_000_000_000n, denominator);
}
