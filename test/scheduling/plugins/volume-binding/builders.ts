/**
 * Storage builders shaped like upstream volumebinding/test_utils.go
 * (makePVC, makePV, makePod, makeNode and their with… wrappers), for the
 * ported VolumeBinding tables.
 */
import type { V1Node, V1PersistentVolume, V1PersistentVolumeClaim, V1Pod, V1StorageClass } from '@kubernetes/client-node';

export const immediateSC: V1StorageClass = { metadata: { name: 'immediate-sc' }, provisioner: '', volumeBindingMode: 'Immediate' };
export const waitSC: V1StorageClass = { metadata: { name: 'wait-sc' }, provisioner: '', volumeBindingMode: 'WaitForFirstConsumer' };
export const waitHDDSC: V1StorageClass = { metadata: { name: 'wait-hdd-sc' }, provisioner: '', volumeBindingMode: 'WaitForFirstConsumer' };

export class PvcWrapper {
  constructor(readonly obj: V1PersistentVolumeClaim) {}
  /** withBoundPV: the volume name and the bind-completed annotation. */
  withBoundPV(pvName: string): PvcWrapper {
    return new PvcWrapper({ ...this.obj, metadata: { ...this.obj.metadata, annotations: { ...this.obj.metadata?.annotations, 'pv.kubernetes.io/bind-completed': 'true' } }, spec: { ...this.obj.spec, volumeName: pvName } });
  }
  withRequestStorage(quantity: string): PvcWrapper {
    return new PvcWrapper({ ...this.obj, spec: { ...this.obj.spec, resources: { requests: { storage: quantity } } } });
  }
  withPhase(phase: string): PvcWrapper {
    return new PvcWrapper({ ...this.obj, status: { phase } });
  }
}

export const makePVC = (name: string, storageClassName: string): PvcWrapper =>
  new PvcWrapper({ metadata: { name, namespace: 'default' }, spec: { storageClassName } });

export class PvWrapper {
  constructor(readonly obj: V1PersistentVolume) {}
  withPhase(phase: string): PvWrapper {
    return new PvWrapper({ ...this.obj, status: { phase } });
  }
  withCapacity(quantity: string): PvWrapper {
    return new PvWrapper({ ...this.obj, spec: { ...this.obj.spec, capacity: { storage: quantity } } });
  }
  /** One required term with an In expression per key. */
  withNodeAffinity(keyValues: Record<string, string[]>): PvWrapper {
    const matchExpressions = Object.entries(keyValues).map(([key, values]) => ({ key, operator: 'In', values }));
    return new PvWrapper({ ...this.obj, spec: { ...this.obj.spec, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions }] } } } });
  }
}

export const makePV = (name: string, storageClassName: string): PvWrapper => new PvWrapper({ metadata: { name }, spec: { storageClassName } });

export class PodWrapper {
  constructor(readonly obj: V1Pod) {}
  withPVCVolume(claimName: string, name: string): PodWrapper {
    const volumes = [...(this.obj.spec?.volumes ?? []), { name: name || claimName, persistentVolumeClaim: { claimName } }];
    return new PodWrapper({ ...this.obj, spec: { ...this.obj.spec!, volumes } });
  }
}

export const makePod = (name: string): PodWrapper => new PodWrapper({ metadata: { name, namespace: 'default' }, spec: { containers: [] } });

export const makeNode = (name: string, labels: Record<string, string> = {}): V1Node => ({ metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } } });
