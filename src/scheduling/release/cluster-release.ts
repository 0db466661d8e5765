/**
 * The release a plan emulates when its request names none: the one the
 * cluster runs (src/kube/cluster-version.ts), or the nearest supported
 * release with a warning when podplan does not emulate that one.
 */
import type { ClusterVersion } from '../../kube/cluster-objects.js';
import { DEFAULT_RELEASE, formatMinor, nearestRelease, parseMinorVersion, type KubernetesRelease } from './kubernetes-release.js';

export function clusterRelease(version: ClusterVersion | undefined): { release: KubernetesRelease; warning?: { path: string; message: string } } {
  const minor = version && parseMinorVersion(version.gitVersion);
  if (!version || !minor) return { release: DEFAULT_RELEASE };
  const release = nearestRelease(minor);
  if (release === formatMinor(minor)) return { release };
  return {
    release,
    warning: {
      path: 'kubernetesVersion',
      message: `the cluster runs ${version.gitVersion}, which podplan does not emulate; planned as ${release}, the nearest supported release (set kubernetesVersion to choose)`,
    },
  };
}
