import { describe, expect, it } from 'vitest';
import { isQuantity, quantityMilliValue, quantityValue } from '../../src/kube/quantity.js';

// Cases after apimachinery pkg/api/resource/quantity_test.go (TestQuantityParse, TestQuantityMilliValue): values round up.
describe('quantities', () => {
  it.each([
    { input: '0', value: 0, milli: 0 },
    { input: '0.1', value: 1, milli: 100 },
    { input: '.5', value: 1, milli: 500 },
    { input: '1.', value: 1, milli: 1000 },
    { input: '100m', value: 1, milli: 100 },
    { input: '1500m', value: 2, milli: 1500 },
    { input: '1e3', value: 1000, milli: 1_000_000 },
    { input: '1E3', value: 1000, milli: 1_000_000 },
    { input: '5e-3', value: 1, milli: 5 },
    { input: '100Mi', value: 104_857_600, milli: 104_857_600_000 },
    { input: '1Gi', value: 1_073_741_824, milli: 1_073_741_824_000 },
    { input: '8146056Ki', value: 8_341_561_344, milli: 8_341_561_344_000 },
    { input: '1k', value: 1000, milli: 1_000_000 },
    { input: '1M', value: 1_000_000, milli: 1_000_000_000 },
    { input: '250n', value: 1, milli: 1 },
    { input: '+2', value: 2, milli: 2000 },
    { input: '-1', value: -1, milli: -1000 },
    { input: 110, value: 110, milli: 110_000 },
  ])('$input → value $value, milli $milli', ({ input, value, milli }) => {
    expect(isQuantity(input)).toBe(true);
    expect(quantityValue(input)).toBe(value);
    expect(quantityMilliValue(input)).toBe(milli);
  });

  it.each(['', ' ', '12XB', '1 Gi', '1gi', '1Gib', 'Mi', '1.5.5', '--1', '1e', 'e3', '0x10', 'one', null, undefined, {}])('rejects %j', (input) => {
    expect(isQuantity(input)).toBe(false);
  });

  it('throws on values beyond exact integers', () => {
    expect(() => quantityMilliValue('9Ei')).toThrow(/too large/);
  });
});
