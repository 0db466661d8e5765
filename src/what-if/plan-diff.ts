/**
 * What changed between two plans' placements. Replicas are matched by
 * workload and replica index (pod names derive from the pod template's hash,
 * so a changed template renames every pod but is still the same replica).
 */
import type { Placement, WorkloadRef } from '../simulation/simulation-result.js';
import { workloadKey } from '../simulation/scenario/pod-owners.js';

export interface ReplicaRef {
  readonly workload: WorkloadRef;
  readonly replica: number;
  /** The pod's name in the second plan. */
  readonly pod: string;
}

export interface MovedReplica extends ReplicaRef {
  readonly from: string;
  readonly to: string;
  readonly fromZone: string | null;
  readonly toZone: string | null;
}

export interface PlacedReplica extends ReplicaRef {
  readonly node: string;
}

export interface UnplacedReplica extends ReplicaRef {
  /** Where the first plan had it. */
  readonly was: string;
  readonly message: string;
}

export interface ScoreChange extends ReplicaRef {
  readonly node: string;
  readonly plugin: string;
  /** Weighted scores of the chosen node in each plan. */
  readonly from: number;
  readonly to: number;
}

export interface PlanDiff {
  readonly moved: readonly MovedReplica[];
  readonly newlyPlaced: readonly PlacedReplica[];
  readonly newlyUnplaceable: readonly UnplacedReplica[];
  readonly scoreChanges: readonly ScoreChange[];
  readonly unchanged: number;
  /** Replicas only one plan has (different workloads or replica counts). */
  readonly onlyInFirst: number;
  readonly onlyInSecond: number;
  /** Workloads both plans place: 0 means the plans have nothing in common to compare. */
  readonly sharedWorkloads: number;
}

const replicaKey = (placement: Placement) => `${workloadKey(placement.workload)}#${placement.replica}`;

function scoreChanges(before: Placement, after: Placement, ref: ReplicaRef): ScoreChange[] {
  const chosenBefore = before.candidates?.find((candidate) => candidate.node === before.node);
  const chosenAfter = after.candidates?.find((candidate) => candidate.node === after.node);
  if (!chosenBefore || !chosenAfter) return [];
  const plugins = [...new Set([...Object.keys(chosenBefore.scores), ...Object.keys(chosenAfter.scores)])].sort();
  return plugins
    .map((plugin) => ({ ...ref, node: after.node!, plugin, from: chosenBefore.scores[plugin]?.weighted ?? 0, to: chosenAfter.scores[plugin]?.weighted ?? 0 }))
    .filter((change) => change.from !== change.to);
}

export function diffPlans(first: readonly Placement[], second: readonly Placement[]): PlanDiff {
  const earlier = new Map(first.map((placement) => [replicaKey(placement), placement]));
  const moved: MovedReplica[] = [];
  const newlyPlaced: PlacedReplica[] = [];
  const newlyUnplaceable: UnplacedReplica[] = [];
  const changes: ScoreChange[] = [];
  let unchanged = 0;
  let matched = 0;
  for (const after of second) {
    const before = earlier.get(replicaKey(after));
    if (!before) continue;
    matched++;
    const ref: ReplicaRef = { workload: after.workload, replica: after.replica, pod: after.pod };
    if (before.node === null && after.node !== null) newlyPlaced.push({ ...ref, node: after.node });
    else if (before.node !== null && after.node === null) newlyUnplaceable.push({ ...ref, was: before.node, message: after.message });
    else if (before.node !== after.node) moved.push({ ...ref, from: before.node!, to: after.node!, fromZone: before.zone, toZone: after.zone });
    else {
      unchanged++;
      if (after.node !== null) changes.push(...scoreChanges(before, after, ref));
    }
  }
  const firstWorkloads = new Set(first.map((placement) => workloadKey(placement.workload)));
  const sharedWorkloads = new Set(second.map((placement) => workloadKey(placement.workload)).filter((key) => firstWorkloads.has(key))).size;
  return {
    moved,
    newlyPlaced,
    newlyUnplaceable,
    scoreChanges: changes,
    unchanged,
    onlyInFirst: first.length - matched,
    onlyInSecond: second.length - matched,
    sharedWorkloads,
  };
}
