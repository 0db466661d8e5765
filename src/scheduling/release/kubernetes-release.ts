/**
 * The Kubernetes minor releases whose kube-scheduler podplan emulates, and
 * how a version string a cluster reports (`v1.34.2-eks-113cf36`,
 * `v1.33.4+k3s1`, `1.35`) maps onto one of them.
 */

/** Oldest first. Each is emulated as of its latest patch release (see release-table.ts). */
export const SUPPORTED_RELEASES = ['v1.32', 'v1.33', 'v1.34', 'v1.35'] as const;

export type KubernetesRelease = (typeof SUPPORTED_RELEASES)[number];

/** What a request gets when neither it nor its topology names a release: the newest. */
export const DEFAULT_RELEASE: KubernetesRelease = 'v1.35';

export function isSupportedRelease(value: string): value is KubernetesRelease {
  return (SUPPORTED_RELEASES as readonly string[]).includes(value);
}

/** A minor version: `{ major: 1, minor: 34 }`. */
export interface MinorVersion {
  readonly major: number;
  readonly minor: number;
}

// Git versions as `kubectl version` and kubelets print them: v<major>.<minor>[.<patch>][-pre|+build].
const VERSION_PATTERN = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/;

/** The minor version of a git version string, or undefined when it is not one. */
export function parseMinorVersion(text: string): MinorVersion | undefined {
  const match = VERSION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

export function formatMinor(version: MinorVersion): string {
  return `v${version.major}.${version.minor}`;
}

/**
 * The supported release closest to a version: itself when supported, else
 * the oldest (for older clusters) or the newest (for newer ones).
 */
export function nearestRelease(version: MinorVersion): KubernetesRelease {
  const formatted = formatMinor(version);
  if (isSupportedRelease(formatted)) return formatted;
  const oldest = parseMinorVersion(SUPPORTED_RELEASES[0])!;
  const older = version.major < oldest.major || (version.major === oldest.major && version.minor < oldest.minor);
  return older ? SUPPORTED_RELEASES[0] : SUPPORTED_RELEASES[SUPPORTED_RELEASES.length - 1];
}

/** Negative when a is older than b. */
export function compareReleases(a: KubernetesRelease, b: KubernetesRelease): number {
  return SUPPORTED_RELEASES.indexOf(a) - SUPPORTED_RELEASES.indexOf(b);
}
