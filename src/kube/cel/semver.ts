/**
 * Semantic versions as Kubernetes' CEL semver library sees them
 * (k8s.io/apiserver/pkg/cel/library/semverlib.go over blang/semver/v4):
 * strict SemVer 2.0.0 parsing, an optional normalising parse (leading "v",
 * missing minor/patch, leading zeros), and SemVer precedence for comparison.
 */
const STRICT = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export class SemverError extends Error {}

export class Semver {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    /** Pre-release identifiers; build metadata does not take part in precedence and is not kept. */
    readonly prerelease: readonly string[],
  ) {}

  static parse(text: string): Semver {
    const match = STRICT.exec(text);
    if (match === null) throw new SemverError(`invalid semver: ${text}`);
    const prerelease = match[4] === undefined ? [] : match[4].split('.');
    for (const identifier of prerelease) {
      if (/^\d+$/.test(identifier) && identifier.length > 1 && identifier.startsWith('0')) {
        throw new SemverError(`Numeric PreRelease version must not contain leading zeroes "${identifier}"`);
      }
    }
    return new Semver(BigInt(match[1]), BigInt(match[2]), BigInt(match[3]), prerelease);
  }

  /** semver(string, true): strips a leading "v", pads missing minor/patch with 0, drops leading zeros (semverlib normalizeAndParse). */
  static parseNormalized(text: string): Semver {
    let version = text.startsWith('v') ? text.slice(1) : text;
    const core = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(version);
    if (core !== null) {
      const [, major, minor = '0', patch = '0', rest] = core;
      const strip = (part: string): string => String(BigInt(part));
      version = `${strip(major)}.${strip(minor)}.${strip(patch)}${rest}`;
    }
    return Semver.parse(version);
  }

  /** SemVer 2.0.0 precedence: -1, 0 or 1. */
  compare(other: Semver): number {
    for (const [left, right] of [
      [this.major, other.major],
      [this.minor, other.minor],
      [this.patch, other.patch],
    ] as const) {
      if (left !== right) return left < right ? -1 : 1;
    }
    return comparePrerelease(this.prerelease, other.prerelease);
  }
}

function comparePrerelease(left: readonly string[], right: readonly string[]): number {
  if (left.length === 0 || right.length === 0) return left.length === right.length ? 0 : left.length === 0 ? 1 : -1;
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const a = left[index];
    const b = right[index];
    if (a === b) continue;
    const aNumeric = /^\d+$/.test(a);
    const bNumeric = /^\d+$/.test(b);
    if (aNumeric && bNumeric) return BigInt(a) < BigInt(b) ? -1 : 1;
    if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
    return a < b ? -1 : 1;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}
