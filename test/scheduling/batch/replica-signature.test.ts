/**
 * sameReplicaSignature tells pods apart without serialising them where it
 * can (different namespace, priority or owner uid); it must answer exactly
 * as comparing the two signatures would.
 */
import type { V1OwnerReference, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { replicaSignature, sameReplicaSignature } from '../../../src/scheduling/batch/replica-signature.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { makePod } from '../../support/builders.js';

const owner = (uid: string | undefined, name = 'web-abc'): V1OwnerReference => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: uid as string, controller: true });

/** A replica of the web template; `edit` changes its copy. */
function replica(name: string, edit: (pod: V1Pod) => void = () => {}): V1Pod {
  const pod = makePod(name).label('app', 'web').container({ cpu: '100m' }).pod;
  pod.metadata!.ownerReferences = [owner('rs-1')];
  pod.spec!.priority = 0;
  edit(pod);
  return pod;
}

describe('sameReplicaSignature', () => {
  it.each<{ name: string; other: V1Pod; same: boolean }>([
    { name: 'another replica of the template', other: replica('web-2'), same: true },
    { name: 'another namespace', other: replica('web-2', (pod) => (pod.metadata!.namespace = 'other')), same: false },
    { name: 'another priority', other: replica('web-2', (pod) => (pod.spec!.priority = 100)), same: false },
    { name: 'priority -0 (written as 0)', other: replica('web-2', (pod) => (pod.spec!.priority = -0)), same: true },
    { name: 'another owner uid', other: replica('web-2', (pod) => (pod.metadata!.ownerReferences = [owner('rs-2')])), same: false },
    { name: 'another owner name, same uid', other: replica('web-2', (pod) => (pod.metadata!.ownerReferences = [owner('rs-1', 'web-def')])), same: false },
    { name: 'no owner', other: replica('web-2', (pod) => delete pod.metadata!.ownerReferences), same: false },
    { name: 'two owners', other: replica('web-2', (pod) => pod.metadata!.ownerReferences!.push(owner('rs-9'))), same: false },
    { name: 'an owner without uid', other: replica('web-2', (pod) => (pod.metadata!.ownerReferences = [owner(undefined)])), same: false },
    { name: 'another label', other: replica('web-2', (pod) => (pod.metadata!.labels!.tier = 'front')), same: false },
    { name: 'another spec', other: replica('web-2', (pod) => (pod.spec!.containers[0].image = 'registry.example/app:2')), same: false },
  ])('$name: $same', ({ other, same }) => {
    const first = buildPodInfo(replica('web-1'));
    const second = buildPodInfo(other);
    expect(sameReplicaSignature(first, second)).toBe(same);
    expect(sameReplicaSignature(second, first)).toBe(same);
    // Exactly what comparing the signatures says.
    expect(replicaSignature(first) === replicaSignature(second)).toBe(same);
  });

  it('pods without owners are compared by their signatures', () => {
    const bare = (name: string) => buildPodInfo(replica(name, (pod) => delete pod.metadata!.ownerReferences));
    expect(sameReplicaSignature(bare('a'), bare('b'))).toBe(true);
  });
});
