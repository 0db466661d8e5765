/**
 * A topology records the release of the cluster it came from: the API
 * server's version document when the dump has one, else the newest kubelet,
 * with a warning when the sources disagree.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';

const node = (name: string, kubeletVersion?: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' }, ...(kubeletVersion ? { nodeInfo: { kubeletVersion } } : {}) },
});
// As `kubectl version -o json` prints it.
const kubectlVersion = (gitVersion: string) => ({
  clientVersion: { major: '1', minor: '35', gitVersion: 'v1.35.0' },
  kustomizeVersion: 'v5.7.1',
  serverVersion: { major: '1', minor: gitVersion.split('.')[1], gitVersion },
});

describe('importCluster: the cluster version', () => {
  it('takes the server version from `kubectl version -o json`', () => {
    const imported = importCluster([kubectlVersion('v1.34.2-eks-113cf36'), node('a', 'v1.34.2-eks-113cf36')]);
    expect(imported.objects.clusterVersion).toEqual({ gitVersion: 'v1.34.2-eks-113cf36', source: 'serverVersion' });
    expect(imported.warnings).toEqual([]);
  });

  it('takes a bare version.Info document (sonobuoy serverversion.json, kubectl get --raw /version)', () => {
    const imported = importCluster([{ major: '1', minor: '33', gitVersion: 'v1.33.4+k3s1', platform: 'linux/amd64' }, node('a')]);
    expect(imported.objects.clusterVersion).toEqual({ gitVersion: 'v1.33.4+k3s1', source: 'serverVersion' });
  });

  it('keeps paths of the objects after a version document pointing at the submitted document', () => {
    const bad = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'x' }, status: { allocatable: { cpu: 'lots' } } };
    expect(() => importCluster([kubectlVersion('v1.34.1'), bad])).toThrow(/objects\[1\]\.status\.allocatable\.cpu/);
  });

  it('warns when kubelets run another minor than the API server, and plans as the API server', () => {
    const imported = importCluster([kubectlVersion('v1.34.1'), node('a', 'v1.34.1'), node('b', 'v1.33.5')]);
    expect(imported.objects.clusterVersion?.gitVersion).toBe('v1.34.1');
    expect(imported.warnings).toEqual([
      { path: 'objects[0]', message: 'the API server runs v1.34.1 but kubelets run v1.33: planning as the API server\'s release (kube-scheduler runs with the control plane)' },
    ]);
  });

  it('falls back to the newest kubelet, warning when kubelets disagree', () => {
    const imported = importCluster([node('a', 'v1.33.5'), node('b', 'v1.32.9')]);
    expect(imported.objects.clusterVersion).toEqual({ gitVersion: 'v1.33.5', source: 'kubeletVersion' });
    expect(imported.warnings[0].message).toMatch(/^no version document \(kubectl version -o json\); kubelets run v1\.32, v1\.33: taking the newest, v1\.33\.5/);
  });

  it('records nothing when the dump does not say', () => {
    const imported = importCluster([node('a')]);
    expect(imported.objects.clusterVersion).toBeUndefined();
  });

  it('ignores a `kubectl version` document without a server part', () => {
    const imported = importCluster([{ clientVersion: { major: '1', minor: '35', gitVersion: 'v1.35.0' } }, node('a', 'v1.32.3')]);
    expect(imported.objects.clusterVersion).toEqual({ gitVersion: 'v1.32.3', source: 'kubeletVersion' });
  });
});
