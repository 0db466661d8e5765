/**
 * The node-pool migration analysis on a prepared cluster: the nodes `from`
 * selects are emptied (removed, or with keepOld cordoned and kept, so they
 * still count as topology domains while the pods move), their pods — but
 * DaemonSet and mirror pods, which go with their nodes — are placed again,
 * workload by workload, on the rest of the cluster and on as few (or as
 * cheap) nodes of the target groups as hold them all (migration-search.ts).
 * Each target node starts with the pods of the cluster's DaemonSets that
 * would run on it (daemon-set-overhead.ts).
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ExpandedWorkload } from '../../kube/workloads.js';
import type { CompiledSelector } from '../../kube/label-selector.js';
import { InvalidInputError } from '../../kube/field-error.js';
import type { ClusterState } from '../../scheduling/model/cluster-state.js';
import { replacePodClaims } from '../../simulation/released-resource-claims.js';
import { executeSimulation, type PreparedSimulation } from '../../simulation/run-simulation.js';
import { workloadKey, workloadOfPod } from '../../simulation/scenario/pod-owners.js';
import type { BudgetedPlanner } from '../analysis-budget.js';
import { isDaemonSetPod, isMirrorPod } from '../consolidation/drainability.js';
import { unbound } from '../failure-domains.js';
import { nodePrice, roundPrice } from '../node-prices.js';
import type { NodeGroup } from '../scale-up.js';
import { addNodeWithDaemonSetsOf } from '../daemon-set-overhead.js';
import type { MigrationResult } from './migration-result.js';
import { searchMigration } from './migration-search.js';

export interface MigrationSettings {
  readonly from: CompiledSelector;
  readonly groups: readonly NodeGroup[];
  readonly keepOld: boolean;
  readonly fromPrice: number | undefined;
  readonly timeUp: () => boolean;
}

const keyOf = (pod: V1Pod) => `${pod.metadata?.namespace || 'default'}/${pod.metadata?.name}`;

/** The moved pods grouped by workload (first seen first), as a simulation plans workloads. */
function byWorkload(pods: readonly V1Pod[], cluster: ClusterState): ExpandedWorkload[] {
  const groups = new Map<string, ExpandedWorkload>();
  for (const pod of pods) {
    const ref = workloadOfPod(pod, cluster.objects);
    const key = workloadKey(ref);
    const group: ExpandedWorkload = groups.get(key) ?? { ref, path: 'from', replicas: 0, pods: [], controllers: { replicaSets: [], statefulSets: [] }, claims: [], warnings: [] };
    groups.set(key, group);
    group.pods.push(pod);
    group.replicas++;
  }
  return [...groups.values()];
}

export function analyzeMigration(planner: BudgetedPlanner, prepared: PreparedSimulation, settings: MigrationSettings): Omit<MigrationResult, 'kubernetesVersion' | 'scenario' | 'warnings'> {
  const cluster = prepared.cluster;
  const fromNodes = cluster.nodes.filter((node) => settings.from.matches(node.labels));
  if (fromNodes.length === 0) throw new InvalidInputError([{ path: 'from', message: 'selects no node of the cluster' }]);
  const origin = new Map<string, string>();
  const moving: V1Pod[] = [];
  const removed: V1Pod[] = [];
  let goneWithNodes = 0;
  const base = cluster.fork();
  for (const node of fromNodes) {
    for (const pod of [...node.pods].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      // Kept old nodes keep their DaemonSet and mirror pods (and those pods' claims).
      if (!settings.keepOld || !(isDaemonSetPod(pod.pod) || isMirrorPod(pod.pod))) removed.push(pod.pod);
      if (isDaemonSetPod(pod.pod) || isMirrorPod(pod.pod)) {
        goneWithNodes++;
        continue;
      }
      origin.set(pod.key, node.name);
      moving.push(unbound(pod.pod));
      if (settings.keepOld) base.removePod(pod.key, node.name);
    }
    if (settings.keepOld) base.updateNode(node.name, (old) => ({ ...old, spec: { ...old.spec, unschedulable: true } }));
    else base.removeNode(node.name);
  }
  replacePodClaims(base, removed, moving);
  const ordered = byWorkload(moving, cluster).flatMap((workload) => workload.pods);
  // New nodes start with the DaemonSet pods they would run (as Cluster Autoscaler's templates do): those requests come first.
  const addNode = addNodeWithDaemonSetsOf(cluster, prepared.profile.podRequestOptions);
  const search = searchMigration(planner, base, ordered, settings.groups, addNode, settings.timeUp);
  const { result: plan } = executeSimulation({ ...prepared, cluster: search.cluster, workloads: byWorkload(search.moved, cluster) }, { explain: 'summary', mode: 'exhaustive' }, planner);
  const placements = plan.placements.map((placement) => ({
    pod: placement.pod,
    namespace: placement.namespace,
    from: origin.get(`${placement.namespace}/${placement.pod}`)!,
    to: placement.node!,
  }));
  const priced = settings.groups.every((group) => group.price !== undefined);
  const groupPrice = (name: string) => settings.groups.find((group) => group.name === name)?.price ?? 0;
  const totalPrice = priced ? roundPrice(search.added.reduce((sum, addition) => sum + addition.count * groupPrice(addition.nodeGroup), 0)) : null;
  const oldPrices = fromNodes.map((node) => settings.fromPrice ?? nodePrice(node, settings.groups)?.price);
  const before = oldPrices.every((price) => price !== undefined) ? roundPrice(oldPrices.reduce<number>((sum, price) => sum + price!, 0)) : null;
  return {
    feasible: search.unmovable.length === 0,
    fromNodes: fromNodes.map((node) => node.name),
    keepOld: settings.keepOld,
    added: search.added,
    totalNodes: search.added.reduce((sum, addition) => sum + addition.count, 0),
    totalPrice,
    placements,
    unmovable: search.unmovable.map((entry) => ({
      pod: entry.pod.metadata?.name ?? '',
      namespace: entry.pod.metadata?.namespace || 'default',
      from: origin.get(keyOf(entry.pod))!,
      message: entry.message,
    })),
    goneWithNodes,
    cost: { before, after: totalPrice },
    evaluatedPlans: search.evaluatedPlans,
    stoppedBy: search.stoppedBy,
    plan,
  };
}
