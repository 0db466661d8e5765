/**
 * The fewest (or, with prices, the cheapest) target nodes that take every
 * moved pod. Scale-up's search (one node at a time, every replica planned for
 * every candidate node) costs nodes × slots full plans, too many for a pool of
 * a thousand nodes, so this one grows on demand, as Cluster Autoscaler's
 * binpacking estimator does but with the scheduler's own decisions:
 *
 *  1. plan the moved pods in order; at the first that fits nowhere, add the
 *     node that lets it fit (trying one node of each group in each zone:
 *     cheapest first with prices, then the zone with fewest added nodes, then
 *     group and zone order) and go on from there; a pod no new node fits is
 *     unmovable (its FailedScheduling text says why);
 *  2. verify with a fresh plan on the cluster with every added node present
 *     from the start (the scheduler spreads differently then); where it
 *     fails, grow again from that point;
 *  3. while the time budget lasts, drop nodes, dearest first, keeping the
 *     fresh plan complete.
 *
 * The answer is always the last fresh plan that placed every movable pod.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterState } from '../../scheduling/model/cluster-state.js';
import type { PlanRun } from '../../scheduling/planner/planner.js';
import { addTemplateObjects, nodeFromTemplate } from '../../simulation/scenario/node-template.js';
import type { NodeGroupAddition } from '../analysis-types.js';
import type { MeteredPlanner } from '../consolidation/consolidation-search.js';
import { enlarge, slotsOf, type AddNode, type Counts, type NodeGroup, type Slot } from '../scale-up.js';

export interface UnmovablePod {
  readonly pod: V1Pod;
  readonly message: string;
}

export interface MigrationSearch {
  readonly added: readonly NodeGroupAddition[];
  /** The cluster with the added nodes (none of the moved pods placed). */
  readonly cluster: ClusterState;
  /** The pods that moved, in the order planned; `run` placed every one of them. */
  readonly moved: readonly V1Pod[];
  readonly run: PlanRun;
  readonly unmovable: readonly UnmovablePod[];
  readonly evaluatedPlans: number;
  readonly stoppedBy: 'time' | 'work' | null;
}

/** Names of the nodes the search tries before it commits to a count (never in the answer). */
const PROBE_NAME = 'podplan-probe';
const GROWN_NAME = 'podplan-grown';
const podKey = (pod: V1Pod) => `${pod.metadata?.namespace || 'default'}/${pod.metadata?.name}`;

/** `addNode` puts a target node on a cluster with what it runs from the start (its DaemonSet pods). */
export function searchMigration(
  planner: MeteredPlanner,
  base: ClusterState,
  pods: readonly V1Pod[],
  groups: readonly NodeGroup[],
  addNode: AddNode,
  timeUp: () => boolean,
): MigrationSearch {
  const slots = slotsOf(groups);
  const priced = groups.length > 0 && groups.every((group) => group.price !== undefined);
  let evaluatedPlans = 0;
  let stoppedBy: 'time' | 'work' | null = null;
  const plan = (cluster: ClusterState, podsToPlan: readonly V1Pod[], stopAtFirstUnplaced = false): PlanRun => {
    evaluatedPlans++;
    return planner.plan(cluster, podsToPlan, { stopAtFirstUnplaced });
  };
  const groupTotal = (counts: Counts, groupIndex: number) => slots.reduce((sum, slot, index) => sum + (slot.groupIndex === groupIndex ? counts[index] : 0), 0);
  // One node per pod always suffices where a node fits a pod at all: more never helps (as scale-up bounds itself).
  const canGrow = (counts: Counts, index: number) => {
    const max = slots[index].group.maxCount;
    return (max === undefined || groupTotal(counts, slots[index].groupIndex) < max) && counts.reduce((a, b) => a + b, 0) < pods.length;
  };
  const zoneTotal = (counts: Counts, zone: string | undefined) => slots.reduce((sum, slot, index) => sum + (slot.zone === zone ? counts[index] : 0), 0);
  // A target node with what it runs from the start, and its template's CSINode (attach limits).
  const addProbeNode = (cluster: ClusterState, slot: Slot, name: string) => {
    addNode(cluster, nodeFromTemplate(slot.group.template, name, slot.zone));
    addTemplateObjects(cluster, [{ template: slot.group.template, name, zone: slot.zone }]);
  };

  /** The slot whose one extra node lets `pod` fit on `state`, best first; or why none does. */
  const chooseSlot = (state: ClusterState, pod: V1Pod, counts: Counts): { slot: number } | { message: string } => {
    const fitting: number[] = [];
    slots.forEach((slot, index) => {
      if (!canGrow(counts, index)) return;
      const probe = state.fork();
      addProbeNode(probe, slot, `${PROBE_NAME}-${index}`);
      if (plan(probe, [pod]).decisions[0]?.node !== null) fitting.push(index);
    });
    if (fitting.length > 0) {
      const price = (index: number) => (priced ? slots[index].group.price! : 0);
      fitting.sort((a, b) => price(a) - price(b) || zoneTotal(counts, slots[a].zone) - zoneTotal(counts, slots[b].zone) || a - b);
      return { slot: fitting[0] };
    }
    // Why not: the scheduler's words with one more node of every group that may still grow.
    const probe = state.fork();
    slots.forEach((slot, index) => canGrow(counts, index) && addProbeNode(probe, slot, `${PROBE_NAME}-${index}`));
    const decision = plan(probe, [pod]).decisions[0];
    const full = slots.every((_, index) => !canGrow(counts, index)) ? ' (every node group reached its maxCount)' : '';
    return { message: `${decision?.failureMessage ?? 'no node fits'}${full}` };
  };

  let counts: Counts = slots.map(() => 0);
  let grown = 0;
  let active = [...pods];
  const unmovable: UnmovablePod[] = [];
  const fresh = (candidate: Counts) => plan(enlarge(base, slots, candidate, addNode).cluster, active, true);
  let run = fresh(counts);
  // 1–2. Grow from each failure until a fresh plan places every movable pod.
  while (run.decisions.some((decision) => decision.node === null)) {
    let state = run.cluster;
    let next = run.decisions.findIndex((decision) => decision.node === null);
    while (next < active.length) {
      const choice = chooseSlot(state, active[next], counts);
      if ('message' in choice) {
        unmovable.push({ pod: active[next], message: choice.message });
        active = active.filter((_, index) => index !== next);
      } else {
        counts = counts.map((count, index) => (index === choice.slot ? count + 1 : count));
        state = state.fork();
        addProbeNode(state, slots[choice.slot], `${GROWN_NAME}-${++grown}`);
      }
      if (next >= active.length) break;
      const rest = plan(state, active.slice(next), true);
      const placed = rest.decisions.filter((decision) => decision.node !== null).length;
      if (placed === 0 && !('message' in choice)) {
        // The probe's node fitted it; a node under another name did not (a hostname-keyed rule): it stays.
        unmovable.push({ pod: active[next], message: rest.decisions[0]?.failureMessage ?? 'no node fits' });
        active = active.filter((_, index) => index !== next);
        continue;
      }
      state = rest.cluster;
      next += placed;
    }
    run = fresh(counts);
  }
  // 3. Prune, dearest first, while time and work last.
  const order = slots.map((_, index) => index).sort((a, b) => (slots[b].group.price ?? 0) - (slots[a].group.price ?? 0) || b - a);
  const cost = (candidate: Counts) => active.length * (base.nodes.length + candidate.reduce((a, b) => a + b, 0));
  prune: for (const index of order) {
    while (counts[index] > 0) {
      const fewer = counts.map((count, position) => (position === index ? count - 1 : count));
      if (timeUp()) stoppedBy = 'time';
      else if (planner.remainingWork < cost(fewer) + cost(counts)) stoppedBy = 'work';
      if (stoppedBy) break prune;
      const trial = fresh(fewer);
      if (trial.decisions.some((decision) => decision.node === null)) break;
      counts = fewer;
      run = trial;
    }
  }
  const { cluster, added } = enlarge(base, slots, counts, addNode);
  const unmovableKeys = new Set(unmovable.map((entry) => podKey(entry.pod)));
  return { added, cluster, moved: pods.filter((pod) => !unmovableKeys.has(podKey(pod))), run, unmovable, evaluatedPlans, stoppedBy };
}
