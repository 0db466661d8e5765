/**
 * The actual cost of device selectors as cel-go's CostTracker counts it
 * (interpreter/runtimecost.go, with Kubernetes' library/cost.go CallCost and
 * the base environment's OptOptimize and PresenceTestHasCost(false)), and
 * compile.go's runtime limit, cel.CostLimit(CELSelectorExpressionMaxCost).
 * Upstream's tests assert no actual cost values (compile_test.go only checks
 * actualCost <= MaxCost and that `expensive` fails with "actual cost limit
 * exceeded"); every expectation here is derived by hand from those rules and
 * the derivation is written next to it. The estimate does not bound every one
 * of them in cel-go either (a relative attribute's 1, `quantity()`'s
 * traversal and `startsWith`'s receiver are priced at run time only), so
 * only upstream's cases assert actualCost <= MaxCost
 * (device-selector-cel.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { compileDeviceSelector, type DeviceAttributeValue, type SelectorDevice } from '../../src/kube/cel/device-selector.js';
import { CEL_SELECTOR_EXPRESSION_MAX_COST } from '../../src/kube/cel/selector-cost.js';

const DRIVER = 'dra.example.com';
const device = (attributes: Record<string, DeviceAttributeValue> = {}, capacity: Record<string, { value: string }> = {}): SelectorDevice => ({ driver: DRIVER, attributes, capacity });
const LONG = `${'x'.repeat(25)}abc`; // 28 characters
const EMOJI = '😀'.repeat(15); // 15 code points, 30 UTF-16 units

interface Case {
  readonly expression: string;
  readonly device: SelectorDevice;
  readonly matches: boolean;
  readonly cost: number;
  /** cel-go checker's estimate where it prices the function by sizes (checker/cost.go functionCost, library EstimateCallCost; attribute values ≤ 64). */
  readonly estimate?: number;
}

// `device.attributes["dra.example.com"].s` is an attribute: identifier 1 + three qualifiers = 4.
const CASES: Record<string, Case> = {
  'contains: ⌈0.1 × string⌉ × ⌈0.1 × substring⌉': { expression: `device.attributes["${DRIVER}"].s.contains("abc")`, device: device({ s: { string: LONG } }), matches: true, cost: 4 + 3 * 1, estimate: 4 + 7 * 1 },
  'startsWith: ⌈0.1 × receiver⌉': { expression: `device.attributes["${DRIVER}"].s.startsWith("xx")`, device: device({ s: { string: LONG } }), matches: true, cost: 4 + 3, estimate: 4 + 1 },
  'string concatenation ⌈0.1 × (m + n)⌉, then equality ⌈0.1 × shorter⌉': {
    expression: `device.attributes["${DRIVER}"].s + "abc" == "z"`,
    device: device({ s: { string: LONG } }),
    matches: false,
    cost: 4 + 4 + 1,
  },
  'string ordering ⌈0.1 × shorter⌉': { expression: `device.attributes["${DRIVER}"].s < "zzz"`, device: device({ s: { string: LONG } }), matches: true, cost: 4 + 1 },
  'unicode: sizes count code points': { expression: `device.attributes["${DRIVER}"].u == "${EMOJI}"`, device: device({ u: { string: EMOJI } }), matches: true, cost: 4 + 2 },
  'in a constant list of scalars: a set, no call cost': { expression: `device.attributes["${DRIVER}"].s in ["a", "b", "c"]`, device: device({ s: { string: 'b' } }), matches: true, cost: 4 },
  'in a list built at run time: list 10 + elements + the list size': {
    expression: `device.attributes["${DRIVER}"].s in [device.driver, "b"]`,
    device: device({ s: { string: 'b' } }),
    matches: true,
    cost: 4 + 10 + 2 + 2,
  },
  'a constant list literal is folded': { expression: '[1, 2, 3].size() == 3', device: device(), matches: true, cost: 0 + 1 + 1 },
  'a map literal built at run time costs 30': { expression: '{"k": device.driver}.size() == 1', device: device(), matches: true, cost: 30 + 2 + 1 + 1 },
  'negative numbers are literals': { expression: `device.attributes["${DRIVER}"].i > -1`, device: device({ i: { int: 0 } }), matches: true, cost: 4 + 1 },
  // all: per iteration loop condition @not_strictly_false(accu) 2 + step accu && p 1 + p; result accu 1.
  'all stops at the first false, after one more loop condition': { expression: '[1, 2, 3].all(x, x > 1)', device: device(), matches: false, cost: 3 + 2 + 2 + 1 },
  'all over every element': { expression: '[1, 2, 3].all(x, x > 0)', device: device(), matches: true, cost: 3 * (3 + 2) + 1 },
  // exists: loop condition @not_strictly_false(!accu) 3 + step accu || p 1 + p.
  'exists stops at the first true': { expression: '[1, 2, 3].exists(x, x > 1)', device: device(), matches: true, cost: 2 * (4 + 2) + 3 + 1 },
  // filter: predicate per element; accu + [x] 13 per element kept (accu 1, x 1, list 10, concatenation 1); result 1.
  filter: { expression: '[1, 2, 3].filter(x, x > 1).size() == 2', device: device(), matches: true, cost: 3 * 2 + 2 * 13 + 1 + 1 + 1 },
  // map with a filter: accu + [x * 2] 12 + transform 2 per element kept.
  'map with a filter': { expression: '[1, 2, 3].map(x, x > 1, x * 2).size() == 2', device: device(), matches: true, cost: 3 * 2 + 2 * (12 + 2) + 1 + 1 + 1 },
  'map over a domain (keys)': { expression: `device.attributes["${DRIVER}"].map(k, k).size() == 2`, device: device({ a: { bool: true }, b: { bool: true } }), matches: true, cost: 3 + 2 * (12 + 1) + 1 + 1 + 1 },
  // A ternary's branches are resolved as attributes: the branch's own 1 is not charged, its qualifiers are.
  'a ternary branch attribute costs its qualifiers only': {
    expression: `device.driver != "" ? device.attributes["${DRIVER}"].a : false`,
    device: device({ a: { bool: true } }),
    matches: true,
    cost: 2 + 0 + (4 - 1),
  },
  // An attribute index key is a qualifier: resolved, not evaluated; a constant map is folded; indexing a value is a relative attribute (1 + 1).
  'an attribute as index key costs its qualifiers only': {
    expression: `{"a": true, "b": false}[device.attributes["${DRIVER}"].k]`,
    device: device({ k: { string: 'a' } }),
    matches: true,
    cost: 0 + 2 + (4 - 1),
  },
  'a select on a value that is no attribute is a relative attribute': {
    expression: `[device.attributes["${DRIVER}"]][0].a`,
    device: device({ a: { bool: true } }),
    matches: true,
    cost: 10 + 3 + 2 + 1,
  },
  'has() costs its qualifiers (presence tests are free)': { expression: 'has(device.driver)', device: device(), matches: true, cost: 1 },
  'quantity() traverses its string': {
    expression: `quantity("12345678901Ki").isGreaterThan(device.capacity["${DRIVER}"].m)`,
    device: device({}, { m: { value: '1Mi' } }),
    matches: true,
    cost: 2 + 4 + 1,
  },
  'find: ⌈0.1 × (1 + string)⌉ × ⌈0.25 × pattern⌉': { expression: `device.attributes["${DRIVER}"].s.find("[a-z]+") == "x"`, device: device({ s: { string: LONG } }), matches: false, cost: 4 + 3 * 2 + 1 },
  'lowerAscii: ⌈0.1 × string⌉': { expression: `device.attributes["${DRIVER}"].s.lowerAscii().size() > 0`, device: device({ s: { string: LONG } }), matches: true, cost: 4 + 3 + 1 + 1, estimate: 4 + 7 + 1 + 1 },
  'semver functions cost 1 each': {
    expression: `device.attributes["${DRIVER}"].v.major() == 1 && semver("1.2.3").isLessThan(device.attributes["${DRIVER}"].v)`,
    device: device({ v: { version: '1.5.0' } }),
    matches: true,
    cost: 4 + 1 + 1 + (1 + 4 + 1),
  },
};

describe('actual cost of device selectors (cel-go runtimecost.go)', () => {
  it.each(Object.entries(CASES))('%s', (_name, scenario) => {
    const compiled = compileDeviceSelector(scenario.expression);
    expect(compiled.error).toBeUndefined();
    const result = compiled.evaluate(scenario.device);
    expect(result).toEqual({ matches: scenario.matches, actualCost: scenario.cost });
    if (scenario.estimate !== undefined) expect(compiled.maxCost).toBe(scenario.estimate);
  });
});

/** `count` string attributes in the driver's domain: more than ResourceSliceMaxAttributesAndCapacitiesPerDevice (32), which the estimate assumes. */
const manyAttributes = (count: number): SelectorDevice => device(Object.fromEntries(Array.from({ length: count }, (_, index) => [`a${index}`, { string: 'v' }])));
const NESTED = `device.attributes["${DRIVER}"].all(a, device.attributes["${DRIVER}"].all(b, device.attributes["${DRIVER}"][b].size() > 0))`;
// Inner predicate: attribute 3 + key b resolved (1 − 1 = 0) + qualifier… written out: device 1 + attributes 1 + [DRIVER] 1 + [b] 1 (b resolved: 0) + size 1 + `>` 1 = 6.
const nestedCost = (n: number): number => 3 + n * (3 + (3 + n * (3 + 6) + 1)) + 1;

describe('the runtime cost limit (compile.go cel.CostLimit(CELSelectorExpressionMaxCost))', () => {
  it('a selector within the estimate for 32 attributes but over the limit on a device with more fails with cel-go\'s error', () => {
    const compiled = compileDeviceSelector(NESTED);
    expect(compiled.maxCost).toBeLessThanOrEqual(CEL_SELECTOR_EXPRESSION_MAX_COST); // accepted by validation
    expect(nestedCost(340)).toBeGreaterThan(CEL_SELECTOR_EXPRESSION_MAX_COST);
    expect(() => compiled.matches(manyAttributes(340))).toThrow(/^operation cancelled: actual cost limit exceeded$/);
  }, 120_000);

  it('just under the limit the same selector evaluates, at its counted cost', () => {
    const compiled = compileDeviceSelector(NESTED);
    expect(nestedCost(330)).toBeLessThanOrEqual(CEL_SELECTOR_EXPRESSION_MAX_COST);
    expect(compiled.evaluate(manyAttributes(330))).toEqual({ matches: true, actualCost: nestedCost(330) });
  }, 120_000);

  it('the cost error is not absorbed by || or by all(), as cel-go aborts the whole evaluation', () => {
    const absorbing = compileDeviceSelector(`[1].all(x, ${NESTED}) || true`);
    expect(() => absorbing.matches(manyAttributes(340))).toThrow(/^operation cancelled: actual cost limit exceeded$/);
  }, 120_000);
});
