/**
 * Device selectors in CEL: the cases of upstream's
 * staging/src/k8s.io/dynamic-resource-allocation/cel/compile_test.go
 * (TestCEL) that apply to v1.32–v1.35 (scalar attributes; list-type
 * attributes, consumable capacity's allowMultipleAllocations and the
 * `includes` function came later), names kept. expectCost is the worst-case
 * estimate upstream asserts; every case is evaluated, as upstream's is, and
 * `expensive` fails at run time with cel-go's cost-limit error.
 */
import { describe, expect, it } from 'vitest';
import { compileDeviceSelector, type DeviceAttributeValue, type SelectorDevice } from '../../src/kube/cel/device-selector.js';

interface Case {
  expression: string;
  driver?: string;
  attributes?: Record<string, DeviceAttributeValue>;
  capacity?: Record<string, { value: string }>;
  expectCompileError?: string;
  expectMatchError?: string;
  expectMatch?: boolean;
  expectCost?: number;
  /**
   * cel-go's actual cost of the evaluation (details.ActualCost()). Upstream's
   * test only checks it against the estimate (actualCost <= MaxCost); these
   * values are derived by hand from interpreter/runtimecost.go and
   * library/cost.go CallCost (rules in selector-runtime-cost.ts), e.g.
   * `device.driver == "dra.example.com"`: identifier 1 + qualifier 1 +
   * ⌈0.1 × 15⌉ = 4; check_attribute_ids: range 3 + (x 1 + ⌈0.1 × 8⌉ + accu+1 2)
   * + result `accu == 1` 2 = 9; split_attribute: 4 + ⌈0.2 × 18⌉ + size 1 + `>=` 1
   * = 10; check-negative stops at `||`'s left: 3 + `in` 1 + `!` 1 = 5.
   */
  expectActualCost?: number;
}

const expensiveAttributes = (): Record<string, DeviceAttributeValue> => {
  const attributes: Record<string, DeviceAttributeValue> = {};
  for (let index = 0; index < 32; index++) {
    const suffix = `-${index}`;
    attributes[`dra.example.com/${'x'.repeat(32 - suffix.length)}${suffix}`] = { string: 'abc' };
  }
  return attributes;
};

const CASES: Record<string, Case> = {
  true: { expression: 'true', expectMatch: true, expectCost: 0, expectActualCost: 0 },
  false: { expression: 'false', expectMatch: false, expectCost: 0, expectActualCost: 0 },
  'syntax-error': { expression: '?!', expectCompileError: 'Syntax error' },
  'type-error': { expression: '1', expectCompileError: 'must evaluate to bool or the unknown type, not int' },
  'runtime-error-lookup-identifier': {
    expression: 'device.attributes["no-such-domain"].noSuchAttr.isGreaterThan(quantity("0"))',
    expectMatchError: 'no such key: noSuchAttr',
    expectCost: 6,
  },
  'runtime-error-lookup-map': {
    expression: 'device.attributes["no-such-domain"]["noSuchAttr"].isGreaterThan(quantity("0"))',
    expectMatchError: 'no such key: noSuchAttr',
    expectCost: 6,
  },
  'domain-check-negative': { expression: '"no-such-domain" in device.attributes', expectMatch: false, expectCost: 3, expectActualCost: 3 },
  'domain-check-positive': {
    expression: '"dra.example.com" in device.attributes',
    attributes: { 'dra.example.com/something': { bool: true } },
    expectMatch: true,
    expectCost: 3, expectActualCost: 3,
  },
  'empty-driver-name': { expression: 'device.driver == ""', expectMatch: true, expectCost: 2, expectActualCost: 2 },
  'real-driver-name': { expression: 'device.driver == "dra.example.com"', driver: 'dra.example.com', expectMatch: true, expectCost: 4, expectActualCost: 4 },
  'driver-name-qualifier': {
    expression: 'device.attributes["dra.example.com"].name',
    driver: 'dra.example.com',
    attributes: { name: { bool: true } },
    expectMatch: true,
    expectCost: 4, expectActualCost: 4,
  },
  'driver-name-qualifier-map-lookup': {
    expression: 'device.attributes["dra.example.com"]["name"]',
    driver: 'dra.example.com',
    attributes: { name: { bool: true } },
    expectMatch: true,
    expectCost: 4, expectActualCost: 4,
  },
  bind: {
    expression: 'cel.bind(dra, device.attributes["dra.example.com"], dra.name)',
    driver: 'dra.example.com',
    attributes: { name: { bool: true } },
    expectMatch: true,
    expectCost: 15, expectActualCost: 5,
  },
  'qualified-attribute-name': {
    expression: 'device.attributes["other.example.com"].name',
    driver: 'dra.example.com',
    attributes: { 'other.example.com/name': { bool: true } },
    expectMatch: true,
    expectCost: 4, expectActualCost: 4,
  },
  bool: { expression: 'device.attributes["dra.example.com"].name', driver: 'dra.example.com', attributes: { name: { bool: true } }, expectMatch: true, expectCost: 4, expectActualCost: 4 },
  int: { expression: 'device.attributes["dra.example.com"].name > 0', driver: 'dra.example.com', attributes: { name: { int: 1 } }, expectMatch: true, expectCost: 5, expectActualCost: 5 },
  string: {
    expression: 'device.attributes["dra.example.com"].name == "fish"',
    driver: 'dra.example.com',
    attributes: { name: { string: 'fish' } },
    expectMatch: true,
    expectCost: 5, expectActualCost: 5,
  },
  version: {
    expression: 'device.attributes["dra.example.com"].name.isGreaterThan(semver("0.0.1"))',
    driver: 'dra.example.com',
    attributes: { name: { version: '1.0.0' } },
    expectMatch: true,
    expectCost: 6, expectActualCost: 6,
  },
  version_v: {
    expression: 'device.attributes["dra.example.com"].name.isGreaterThan(semver("v0.0.1", true)) && isSemver("v1.0.0", true)',
    driver: 'dra.example.com',
    attributes: { name: { version: '1.0.0' } },
    expectMatch: true,
    expectCost: 7, expectActualCost: 7,
  },
  quantity: {
    expression: 'device.capacity["dra.example.com"].name.isGreaterThan(quantity("1Ki"))',
    driver: 'dra.example.com',
    capacity: { name: { value: '1Mi' } },
    expectMatch: true,
    expectCost: 6, expectActualCost: 6,
  },
  'check-positive': {
    expression: '"name" in device.capacity["dra.example.com"] && device.capacity["dra.example.com"].name.isGreaterThan(quantity("1Ki"))',
    driver: 'dra.example.com',
    capacity: { name: { value: '1Mi' } },
    expectMatch: true,
    expectCost: 10, expectActualCost: 10,
  },
  'check-negative': {
    expression: '!("name" in device.capacity["dra.example.com"]) || device.capacity["dra.example.com"].name.isGreaterThan(quantity("1Ki"))',
    expectMatch: true,
    expectCost: 11, expectActualCost: 5,
  },
  all: {
    expression: `
device.capacity["dra.example.com"].quantity.isGreaterThan(quantity("1Ki")) &&
device.attributes["dra.example.com"].bool &&
device.attributes["dra.example.com"].int > 0 &&
device.attributes["dra.example.com"].string == "fish" &&
device.attributes["dra.example.com"].version.isGreaterThan(semver("0.0.1")) &&
device.capacity["dra.example.com"]["quantity"].isGreaterThan(quantity("1Ki")) &&
device.attributes["dra.example.com"]["bool"] &&
device.attributes["dra.example.com"]["int"] > 0 &&
device.attributes["dra.example.com"]["string"] == "fish" &&
device.attributes["dra.example.com"]["version"].isGreaterThan(semver("0.0.1"))
`,
    driver: 'dra.example.com',
    attributes: { bool: { bool: true }, int: { int: 1 }, string: { string: 'fish' }, version: { version: '1.0.0' } },
    capacity: { quantity: { value: '1Mi' } },
    expectMatch: true,
    expectCost: 52, expectActualCost: 52,
  },
  many: {
    expression: 'device.attributes["dra.example.com"].a && device.attributes["dra.example.com"].b && device.attributes["dra.example.com"].c',
    driver: 'dra.example.com',
    attributes: { a: { bool: true }, b: { bool: true }, c: { bool: true } },
    expectMatch: true,
    expectCost: 12, expectActualCost: 12,
  },
  check_attribute_ids: {
    expression: 'device.attributes["dra.example.com"].exists_one(x, x == "services")',
    driver: 'dra.example.com',
    attributes: { services: { string: 'some_example_value' } },
    expectMatch: true,
    expectCost: 133, expectActualCost: 9,
  },
  split_attribute: {
    expression: 'device.attributes["dra.example.com"].services.split("example").size() >= 2',
    driver: 'dra.example.com',
    attributes: { services: { string: 'some_example_value' } },
    expectMatch: true,
    expectCost: 19, expectActualCost: 10,
  },
  regexp_attribute: {
    expression: 'device.attributes["dra.example.com"].services.matches("[^a]?sym")',
    driver: 'dra.example.com',
    attributes: { services: { string: 'asymetric' } },
    expectMatch: true,
    expectCost: 18, expectActualCost: 6,
  },
  check_capacity_ids: {
    expression: 'device.capacity["dra.example.com"].exists_one(x, x == "memory")',
    driver: 'dra.example.com',
    capacity: { memory: { value: '1Mi' } },
    expectMatch: true,
    expectCost: 133, expectActualCost: 9,
  },
  expensive: {
    attributes: expensiveAttributes(),
    expression:
      "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(x, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(y, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z5, int('1'.find('[0-9]*')) < 100)))))))",
    driver: 'dra.example.com',
    expectMatchError: 'actual cost limit exceeded',
    expectCost: 85555551, // Exceed limit!
  },
};

describe('device selectors (upstream cel/compile_test.go TestCEL)', () => {
  it.each(Object.entries(CASES))('%s', (_name, scenario) => {
    const compiled = compileDeviceSelector(scenario.expression);
    if (scenario.expectCompileError !== undefined) {
      expect(compiled.error).toContain(scenario.expectCompileError);
      return;
    }
    expect(compiled.error).toBeUndefined();
    expect(compiled.maxCost).toBe(scenario.expectCost);
    // Evaluated even over the estimate, as upstream's TestCEL does: the runtime limit (cel.CostLimit) stops it.
    const device: SelectorDevice = { driver: scenario.driver ?? '', attributes: scenario.attributes, capacity: scenario.capacity };
    if (scenario.expectMatchError !== undefined) {
      expect(() => compiled.matches(device)).toThrow(scenario.expectMatchError);
      return;
    }
    const { matches, actualCost } = compiled.evaluate(device);
    expect(actualCost).toBeLessThanOrEqual(compiled.maxCost);
    expect(actualCost).toBe(scenario.expectActualCost);
    expect(matches).toBe(scenario.expectMatch);
  }, 120_000);
});
