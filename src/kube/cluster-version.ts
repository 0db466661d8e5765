/**
 * The Kubernetes release a dump comes from. The API server's version
 * document says it: `kubectl version -o json` (`{ clientVersion,
 * serverVersion }`) or the bare version.Info that `kubectl get --raw
 * /version` and sonobuoy's serverversion.json print (`{ major, minor,
 * gitVersion, … }`). Without one, the nodes' `status.nodeInfo.kubeletVersion`
 * is a hint: kube-scheduler runs with the control plane, which is at least as
 * new as the newest kubelet (version skew policy), so the newest one is used.
 */
import type { ClusterVersion } from './cluster-objects.js';
import type { JsonObject } from './json-object.js';

export interface VersionWarning {
  path: string;
  message: string;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isVersionInfo(value: unknown): value is { gitVersion: string } {
  return isObject(value) && typeof value.gitVersion === 'string' && typeof value.major === 'string' && typeof value.minor === 'string';
}

/** The server gitVersion a top-level document carries, if it is a version document (it has no `kind`). */
export function serverVersionOf(document: unknown): string | undefined | null {
  if (!isObject(document) || document.kind !== undefined) return undefined;
  if (isVersionInfo(document)) return document.gitVersion;
  if ('serverVersion' in document || 'clientVersion' in document) {
    // `kubectl version -o json` without a reachable server has only clientVersion: a version document saying nothing.
    return isVersionInfo(document.serverVersion) ? document.serverVersion.gitVersion : null;
  }
  return undefined;
}

const MINOR = /^v?(\d+)\.(\d+)/;

function minorOf(gitVersion: string): string | undefined {
  const match = MINOR.exec(gitVersion);
  return match ? `v${match[1]}.${match[2]}` : undefined;
}

function newer(a: string, b: string): boolean {
  const [, aMajor, aMinor] = MINOR.exec(a) ?? [];
  const [, bMajor, bMinor] = MINOR.exec(b) ?? [];
  return Number(aMajor) !== Number(bMajor) ? Number(aMajor) > Number(bMajor) : Number(aMinor) > Number(bMinor);
}

/**
 * The cluster's version from its version documents (`servers`, with their
 * paths) and the nodes' kubelet versions (read before stripping drops
 * nodeInfo); warnings when the sources disagree.
 */
export function detectClusterVersion(
  servers: readonly { path: string; gitVersion: string }[],
  kubeletVersions: readonly string[],
  basePath: string,
): { version?: ClusterVersion; warnings: VersionWarning[] } {
  const warnings: VersionWarning[] = [];
  const kubelets = [...new Set(kubeletVersions.filter((version) => minorOf(version) !== undefined))];
  const kubeletMinors = [...new Set(kubelets.map((version) => minorOf(version)!))].sort();
  const server = servers.find((candidate) => minorOf(candidate.gitVersion) !== undefined);
  if (server) {
    for (const other of servers) {
      if (other !== server && minorOf(other.gitVersion) !== undefined && minorOf(other.gitVersion) !== minorOf(server.gitVersion)) {
        warnings.push({ path: other.path, message: `this version document says ${other.gitVersion}, an earlier one ${server.gitVersion}: the first is used` });
      }
    }
    const serverMinor = minorOf(server.gitVersion)!;
    const differing = kubeletMinors.filter((minor) => minor !== serverMinor);
    if (differing.length > 0) {
      warnings.push({
        path: server.path,
        message: `the API server runs ${server.gitVersion} but kubelets run ${differing.join(', ')}: planning as the API server's release (kube-scheduler runs with the control plane)`,
      });
    }
    return { version: { gitVersion: server.gitVersion, source: 'serverVersion' }, warnings };
  }
  if (kubelets.length === 0) return { warnings };
  const newest = kubelets.reduce((best, candidate) => (newer(candidate, best) ? candidate : best));
  if (kubeletMinors.length > 1) {
    warnings.push({
      path: basePath,
      message: `no version document (kubectl version -o json); kubelets run ${kubeletMinors.join(', ')}: taking the newest, ${newest}, as the cluster's release. Add the version document to be sure`,
    });
  }
  return { version: { gitVersion: newest, source: 'kubeletVersion' }, warnings };
}
