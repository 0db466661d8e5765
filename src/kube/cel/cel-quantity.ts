/**
 * The Quantity value of Kubernetes' CEL quantity library
 * (k8s.io/apiserver/pkg/cel/library/quantity.go): a resource quantity whose
 * comparisons are exact (Quantity.Cmp).
 */
import { compareQuantities, isQuantity, quantityMilliValue, quantitySign, quantityValue } from '../quantity.js';

export class CelQuantity {
  constructor(readonly text: string) {}

  static parse(text: string): CelQuantity {
    if (!isQuantity(text)) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    return new CelQuantity(text);
  }

  compareTo(other: CelQuantity): number {
    return compareQuantities(this.text, other.text);
  }

  sign(): number {
    return quantitySign(this.text);
  }

  /** quantity.go isInteger: the value is a whole number that fits int64. */
  isInteger(): boolean {
    try {
      return quantityValue(this.text) * 1000 === quantityMilliValue(this.text);
    } catch {
      return false;
    }
  }

  asInteger(): bigint {
    if (!this.isInteger()) throw new Error('cannot convert value to integer');
    return BigInt(quantityValue(this.text));
  }

  asApproximateFloat(): number {
    return quantityMilliValue(this.text) / 1000;
  }
}
