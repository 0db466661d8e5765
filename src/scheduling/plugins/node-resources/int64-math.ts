/**
 * Go int64 arithmetic for scores: `a * b / c` with the division truncating
 * toward zero, exact even when the product leaves the range a double holds
 * exactly (memory and storage amounts times 100 can).
 */
export function mulDivTrunc(a: number, b: number, c: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(product)) return Number((BigInt(a) * BigInt(b)) / BigInt(c));
  let quotient = Math.trunc(product / c);
  // The double quotient can round up onto the next integer when the exact one
  // sits just below it; a remainder of the wrong sign gives that away.
  const remainder = product - quotient * c;
  if (remainder !== 0 && Math.sign(remainder) !== Math.sign(product)) quotient -= Math.sign(product) * Math.sign(c);
  return quotient;
}
