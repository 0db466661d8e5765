/**
 * The ClusterRole of components/cluster-reader grants exactly what a cluster
 * snapshot LISTs (src/kube/cluster-api/list-targets.ts, from the importer's
 * kind table): get and list, on those resources, nothing else; and the
 * example installation with the component binds it to the workers' service account, whose token
 * only the workers mount.
 */
import type { V1ClusterRole, V1ClusterRoleBinding, V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { listTargets } from '../../src/kube/cluster-api/list-targets.js';
import { findObject, kustomize } from './support/kustomize.js';
import { restrictedViolations } from './support/pod-security.js';

/** The example installation plus components/cluster-reader, as docs/deployment.md tells a platform team to add it. */
const example = kustomize('test/deploy/fixtures/cluster-reader-overlay');

function grantsOf(role: V1ClusterRole): string[] {
  return (role.rules ?? []).flatMap((rule) =>
    (rule.apiGroups ?? []).flatMap((group) => (rule.resources ?? []).map((resource) => `${group === '' ? 'core' : group}/${resource} ${[...(rule.verbs ?? [])].sort().join(',')}`)),
  );
}

describe('the podplan-reader ClusterRole', () => {
  const role = findObject<V1ClusterRole>(example, 'ClusterRole', 'podplan-reader');

  it('grants get and list on exactly the resources the importer reads', () => {
    const wanted = listTargets().map((target) => `${target.group === '' ? 'core' : target.group}/${target.resource} get,list`);
    expect(wanted.length).toBeGreaterThan(10);
    expect(grantsOf(role).sort()).toEqual(wanted.sort());
    expect(role.rules?.every((rule) => rule.nonResourceURLs === undefined && rule.resourceNames === undefined)).toBe(true);
  });

  it('is bound to the service account of the workers, which alone mount its token', () => {
    const binding = findObject<V1ClusterRoleBinding>(example, 'ClusterRoleBinding', 'podplan-reader');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'podplan-reader' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'podplan', namespace: 'podplan' }]);
    const worker = findObject<V1Deployment>(example, 'Deployment', 'podplan-worker');
    const api = findObject<V1Deployment>(example, 'Deployment', 'podplan-api');
    expect(worker.spec?.template.spec?.serviceAccountName).toBe('podplan');
    expect(worker.spec?.template.spec?.automountServiceAccountToken).toBe(true);
    expect(api.spec?.template.spec?.automountServiceAccountToken).toBe(false);
    expect(restrictedViolations(worker.spec!.template.spec!)).toEqual([]);
    const egress = findObject(example, 'NetworkPolicy', 'podplan-worker-kubernetes-api');
    expect(egress.spec.egress).toEqual([{ ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] }]);
  });
});
