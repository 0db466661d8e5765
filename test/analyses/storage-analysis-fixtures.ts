/**
 * Clusters with storage for the what-if analyses (issue 13): nodes whose
 * CSI driver is at or near its CSINode attach limit, a StatefulSet whose
 * replicas each get a new claim, and runners that take a REST body through
 * the same schema and engine entry point as the service.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { parseInput } from '../../src/common/validation/parse-input.js';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { UNBOUNDED } from '../../src/what-if/analysis-budget.js';
import { capacityRequest, fitSuggestionsRequest, scaleUpRequest } from '../../src/what-if/analysis-requests.js';
import type { CapacityResult, FitSuggestionsResult, ScaleUpResult } from '../../src/what-if/analysis-types.js';
import { runAnalysis } from '../../src/what-if/run-analysis.js';
import { makeNode, makePod } from '../support/kube-builders.js';
import { csiNode, persistentVolume, persistentVolumeClaim, storageClass, ZONE } from '../support/storage-objects.js';

export const DRIVER = 'pd.csi.storage.gke.io';

export function withClaim(pod: V1Pod, claimName: string): V1Pod {
  return { ...pod, spec: { ...pod.spec!, volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } };
}

/** `count` running pods on `node`, each using its own bound claim (`<node>-data-<n>` on PV `<node>-pv-<n>`). */
function attachedVolumes(node: string, zone: string, count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => [
    persistentVolume(`${node}-pv-${index}`, zone),
    persistentVolumeClaim(`${node}-data-${index}`, `${node}-pv-${index}`),
    withClaim(makePod(`${node}-app-${index}`).requests({ cpu: '100m', memory: '128Mi' }).on(node).build(), `${node}-data-${index}`),
  ]).flat();
}

/**
 * Zone b: b-1 (CSINode limit 3, 2 volumes attached: room for 1) and b-2
 * (limit 2, 2 attached: full); class standard-rwo (WaitForFirstConsumer,
 * provisioned by the CSI driver).
 */
export function attachLimitedCluster(): unknown[] {
  return [
    makeNode('b-1').zone('b').capacity({ cpu: '8', memory: '32Gi', pods: '110' }).allocatable({ cpu: '8', memory: '32Gi', pods: '110' }).build(),
    makeNode('b-2').zone('b').capacity({ cpu: '8', memory: '32Gi', pods: '110' }).allocatable({ cpu: '8', memory: '32Gi', pods: '110' }).build(),
    csiNode('b-1', 3),
    csiNode('b-2', 2),
    storageClass('standard-rwo'),
    ...attachedVolumes('b-1', 'b', 2),
    ...attachedVolumes('b-2', 'b', 2),
  ];
}

/** A StatefulSet `db` whose replicas each get a claim `data-db-<n>` of `storageClassName`. */
export function statefulSet(replicas: number, storageClassName = 'standard-rwo'): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      replicas,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: {
          containers: [{ name: 'db', image: 'postgres:16', resources: { requests: { cpu: '100m', memory: '128Mi' } }, volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

/** A node group of 8-CPU nodes in zone b, optionally with CSINode drivers. */
export function storageNodeGroup(csiDrivers?: unknown[]): Record<string, unknown> {
  const resources = { cpu: '8', memory: '32Gi', pods: '110' };
  return { name: 'pool-b', zones: ['b'], template: { status: { capacity: resources, allocatable: resources } }, ...(csiDrivers ? { csiDrivers } : {}) };
}

const NODE_RESOURCES = { cpu: '2', memory: '8Gi', pods: '110' };

export function zoneNode(name: string, zone: string) {
  return makeNode(name).zone(zone).capacity(NODE_RESOURCES).allocatable(NODE_RESOURCES).build();
}

/** A class provisioned only in zone b. */
export function zonalClass(name: string) {
  return storageClass(name, { allowedTopologies: [{ matchLabelExpressions: [{ key: ZONE, values: ['b'] }] }] });
}

/** An unbound PV of `className` in `zone`. */
export function availableVolume(name: string, zone: string, className: string) {
  const volume = persistentVolume(name, zone);
  const { claimRef: _claimRef, ...spec } = volume.spec;
  return { ...volume, metadata: { ...volume.metadata, annotations: {} }, spec: { ...spec, storageClassName: className }, status: { phase: 'Available' } };
}

/** Nodes b-1 and c-1; class `fast` is Immediate, so a new claim of it stays unbound. */
export function immediateClassCluster(): unknown[] {
  return [zoneNode('b-1', 'b'), zoneNode('c-1', 'c'), storageClass('fast', { volumeBindingMode: 'Immediate' })];
}

/** Class `regional` provisions only in zone b, whose node b-1 is full; one available PV of it in zone c (node c-1). */
export function zoneCFallbackCluster(): unknown[] {
  return [
    zoneNode('b-1', 'b'),
    zoneNode('c-1', 'c'),
    zonalClass('regional'),
    availableVolume('pv-c', 'c', 'regional'),
    makePod('busy').requests({ cpu: '2', memory: '1Gi' }).on('b-1').build(),
  ];
}

function sourceOf(objects: unknown[]) {
  const imported = importCluster(objects, { basePath: 'cluster.objects' });
  return { objects: imported.objects, state: ClusterState.fromObjects(imported.objects) };
}

/** The body as POST /v1/analyses/capacity takes it (`cluster.objects` inline). */
export function capacity(body: Record<string, unknown>): CapacityResult {
  const { cluster, ...request } = parseInput(capacityRequest, body);
  return runAnalysis({ kind: 'capacity', request }, sourceOf(cluster!.objects as unknown[]), UNBOUNDED) as CapacityResult;
}

export function scaleUp(body: Record<string, unknown>): ScaleUpResult {
  const { cluster, ...request } = parseInput(scaleUpRequest, body);
  return runAnalysis({ kind: 'scale-up', request }, sourceOf(cluster!.objects as unknown[]), UNBOUNDED) as ScaleUpResult;
}

export function fitSuggestions(body: Record<string, unknown>): FitSuggestionsResult {
  const { cluster, ...request } = parseInput(fitSuggestionsRequest, body);
  return runAnalysis({ kind: 'fit-suggestions', request }, sourceOf(cluster!.objects as unknown[]), UNBOUNDED) as FitSuggestionsResult;
}

export { ZONE };
