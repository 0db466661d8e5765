/**
 * The CEL environment of DRA device selectors, as
 * k8s.io/dynamic-resource-allocation/cel/compile.go newCompiler builds it:
 * one variable `device` (driver, allowMultipleAllocations, attributes,
 * capacity; compile.go declares allowMultipleAllocations only with
 * DRAConsumableCapacity, podplan always), Kubernetes' quantity
 * and semver libraries, the regex `find`/`findAll` of its regex library, and
 * cel.bind (cel-js has bind and the string extensions built in).
 *
 * `device.attributes` and `device.capacity` are maps of domain → map; a
 * domain the device lacks reads as an empty map (compile.go
 * newStringInterfaceMapWithDefault), while `"domain" in device.attributes`
 * stays false. They are a registered type with its own `in`, so
 * comprehensions over the domains themselves (`device.attributes.exists(…)`)
 * are refused by the type check; comprehensions over one domain's map work.
 */
import { Environment } from '@marcbachmann/cel-js';
import { CelQuantity } from './cel-quantity.js';
import { Semver } from './semver.js';

/** The domain → (id → value) maps of one device, read with upstream's empty-map default. */
export class DeviceDomains {
  constructor(readonly entries: ReadonlyMap<string, Map<string, unknown>>) {}
}

const EMPTY_DOMAIN: Map<string, unknown> = new Map();

/** What the evaluator sees: missing domains read as an empty map; keys, `has` and own properties are the real domains. */
export function deviceDomainsValue(entries: ReadonlyMap<string, Map<string, unknown>>): DeviceDomains {
  return new Proxy(new DeviceDomains(entries), {
    get(target, key) {
      if (key === 'constructor') return DeviceDomains;
      if (key === 'entries') return target.entries;
      return typeof key === 'string' ? (target.entries.get(key) ?? EMPTY_DOMAIN) : undefined;
    },
    has: (target, key) => typeof key === 'string' && target.entries.has(key),
  });
}

function parseSemver(text: string, normalize: boolean): Semver {
  return normalize ? Semver.parseNormalized(text) : Semver.parse(text);
}

function isSemver(text: string, normalize: boolean): boolean {
  try {
    parseSemver(text, normalize);
    return true;
  } catch {
    return false;
  }
}

function regexFind(text: string, pattern: string): string {
  return new RegExp(pattern).exec(text)?.[0] ?? '';
}

function buildEnvironment(): Environment {
  return (
    new Environment({ homogeneousAggregateLiterals: false })
      .registerType('Quantity', CelQuantity)
      .registerType('Semver', Semver)
      .registerType('kubernetes.DRADeviceDomains', DeviceDomains)
      .registerType('kubernetes.DRADevice', {
        fields: { driver: 'string', allowMultipleAllocations: 'bool', attributes: 'kubernetes.DRADeviceDomains', capacity: 'kubernetes.DRADeviceDomains' },
      })
      .registerVariable('device', 'kubernetes.DRADevice')
      .registerOperator('string in kubernetes.DRADeviceDomains', (domain: string, domains: DeviceDomains) => domains.entries.has(domain))
      // library/quantity.go
      .registerFunction('quantity(string): Quantity', (text: string) => CelQuantity.parse(text))
      .registerFunction('isQuantity(string): bool', isQuantityText)
      .registerFunction('Quantity.sign(): int', (quantity: CelQuantity) => BigInt(quantity.sign()))
      .registerFunction('Quantity.isInteger(): bool', (quantity: CelQuantity) => quantity.isInteger())
      .registerFunction('Quantity.asInteger(): int', (quantity: CelQuantity) => quantity.asInteger())
      .registerFunction('Quantity.asApproximateFloat(): double', (quantity: CelQuantity) => quantity.asApproximateFloat())
      .registerFunction('Quantity.compareTo(Quantity): int', (left: CelQuantity, right: CelQuantity) => BigInt(left.compareTo(right)))
      .registerFunction('Quantity.isGreaterThan(Quantity): bool', (left: CelQuantity, right: CelQuantity) => left.compareTo(right) > 0)
      .registerFunction('Quantity.isLessThan(Quantity): bool', (left: CelQuantity, right: CelQuantity) => left.compareTo(right) < 0)
      // library/semverlib.go
      .registerFunction('semver(string): Semver', (text: string) => parseSemver(text, false))
      .registerFunction('semver(string, bool): Semver', (text: string, normalize: boolean) => parseSemver(text, normalize))
      .registerFunction('isSemver(string): bool', (text: string) => isSemver(text, false))
      .registerFunction('isSemver(string, bool): bool', (text: string, normalize: boolean) => isSemver(text, normalize))
      .registerFunction('Semver.major(): int', (version: Semver) => version.major)
      .registerFunction('Semver.minor(): int', (version: Semver) => version.minor)
      .registerFunction('Semver.patch(): int', (version: Semver) => version.patch)
      .registerFunction('Semver.compareTo(Semver): int', (left: Semver, right: Semver) => BigInt(left.compare(right)))
      .registerFunction('Semver.isGreaterThan(Semver): bool', (left: Semver, right: Semver) => left.compare(right) > 0)
      .registerFunction('Semver.isLessThan(Semver): bool', (left: Semver, right: Semver) => left.compare(right) < 0)
      // library/regex.go
      .registerFunction('string.find(string): string', regexFind)
      .registerFunction('string.findAll(string): list<string>', (text: string, pattern: string) => [...text.matchAll(new RegExp(pattern, 'g'))].map((match) => match[0]))
  );
}

function isQuantityText(text: string): boolean {
  try {
    CelQuantity.parse(text);
    return true;
  } catch {
    return false;
  }
}

let environment: Environment | undefined;

/** One environment per process: it holds no state between evaluations. */
export function deviceCelEnvironment(): Environment {
  environment ??= buildEnvironment();
  return environment;
}
