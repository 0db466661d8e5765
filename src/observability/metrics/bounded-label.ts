/**
 * Label values a client chooses (GraphQL operation names) must not grow the
 * number of series without bound: a value is kept only when it looks like an
 * identifier and fewer than `limit` distinct values were seen; anything else
 * is `other`.
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const OTHER_LABEL_VALUE = 'other';

export class BoundedLabelValues {
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (!IDENTIFIER.test(value) || this.seen.size >= this.limit) return OTHER_LABEL_VALUE;
    this.seen.add(value);
    return value;
  }
}
