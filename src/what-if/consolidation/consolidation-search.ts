/**
 * Which nodes can go. As Cluster Autoscaler's scale-down (core/scaledown:
 * candidates by lowest utilisation, each removal verified by simulating the
 * rescheduling of its pods), but every pod is placed by the full default
 * profile (affinity, spreading, volumes, priorities), not a simplified
 * predicate check:
 *
 *  1. greedy: candidates in objective order (fewest nodes: lowest utilisation
 *     first; lowest price: dearest first, then lowest utilisation); a node
 *     goes when the drainability rules let every pod leave, its zone keeps
 *     `keepPerZone` nodes, the PDBs have the disruptions left, and its pods
 *     (with those earlier removals moved onto it) all find a place on what
 *     remains — tried in growing batches of nodes (BATCH below);
 *  2. local search, while the time budget lasts: give back one removed node
 *     and try to remove several kept ones instead; kept when the objective
 *     improves;
 *  3. verification: the answer replayed as a scenario — every removable node
 *     removed at once, their pods placed again in drain order (identical
 *     pods together, run-order.ts) on what is left, their claims released as
 *     in the greedy (evictAgain). A node whose pods the replay cannot place is given back (last in
 *     drain order first) until the replay places everything: the answer is
 *     always verified.
 *
 * Every plan is charged to the analysis' work budget; the greedy and local
 * passes stop early (and say so) rather than leave none for the verification.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterState } from '../../scheduling/model/cluster-state.js';
import type { PlanRun } from '../../scheduling/planner/planner.js';
import { replacePodClaims } from '../../simulation/released-resource-claims.js';
import type { PodPlanner } from '../pod-planner.js';
import { unbound } from '../failure-domains.js';
import type { DisruptionBudgets } from './disruption-budgets.js';
import type { KeptBecause, KeptNode } from './consolidation-result.js';
import type { SurveyedNode } from './node-survey.js';
import { inRunOrder } from './run-order.js';

/**
 * The greedy tries candidates in batches: a batch goes when one plan places
 * all its nodes' pods with all of them gone; when it cannot, its first half
 * is tried on its own, down to single nodes (whose first unplaced pod is why
 * they stay). A batch that went doubles the next one, up to `max`. Every node
 * is thus tried on the cluster that carries the removals before it, as one
 * at a time would, with far fewer plans while nodes go (and each plan long
 * enough for replicas of one workload to run together).
 */
const BATCH = { max: 128 } as const;

export interface ConsolidationSearchSettings {
  readonly keepPerZone: number;
  readonly objective: 'nodes' | 'price';
  readonly respectPdbs: boolean;
  /** True once the search's own time budget is spent. */
  readonly timeUp: () => boolean;
}

/** A planner that says how much work it may still do (BudgetedPlanner). */
export interface MeteredPlanner extends PodPlanner {
  readonly remainingWork: number;
}

export interface ConsolidationSearch {
  /** Removable nodes in drain order. */
  readonly removed: readonly SurveyedNode[];
  /** The verifying replay: the cluster without them, their pods placed. */
  readonly replay: PlanRun;
  readonly kept: readonly KeptNode[];
  readonly budgets: DisruptionBudgets;
  readonly evaluatedPlans: number;
  readonly triedNodes: number;
  readonly improvements: number;
  readonly stoppedBy: 'time' | 'work' | null;
}

interface Keep {
  readonly because: KeptBecause;
  readonly reason: string;
  readonly pod?: string;
  readonly message?: string;
  readonly rule?: KeptNode['rule'];
}

function byObjective(objective: 'nodes' | 'price') {
  return (a: SurveyedNode, b: SurveyedNode): number =>
    (objective === 'price' ? (b.price?.price ?? 0) - (a.price?.price ?? 0) : 0) || a.utilisation - b.utilisation || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Nodes removed better than nodes kept: more nodes (then more saved), or with prices more saved (then more nodes). */
function better(objective: 'nodes' | 'price', candidate: readonly SurveyedNode[], incumbent: readonly SurveyedNode[]): boolean {
  const saved = (nodes: readonly SurveyedNode[]) => nodes.reduce((sum, node) => sum + (node.price?.price ?? 0), 0);
  const [first, second] = objective === 'price' ? [saved, (nodes: readonly SurveyedNode[]) => nodes.length] : [(nodes: readonly SurveyedNode[]) => nodes.length, saved];
  const delta = first(candidate) - first(incumbent);
  return delta > 1e-9 || (Math.abs(delta) <= 1e-9 && second(candidate) - second(incumbent) > 1e-9);
}

const firstFailure = (run: PlanRun) => run.decisions.find((decision) => decision.node === null);

/**
 * The drained pods as their controllers create them again, in `trial` (their
 * nodes already removed): unbound, their claims released (the devices they
 * held are free again) and new claims made from their templates
 * (released-resource-claims.ts). The greedy, the local search and the
 * verifying replay all evict through here, so they agree on which devices
 * are free.
 */
function evictAgain(trial: ClusterState, evicted: readonly V1Pod[]): V1Pod[] {
  const recreated = evicted.map(unbound);
  replacePodClaims(trial, evicted, recreated);
  return recreated;
}

export function searchConsolidation(
  planner: MeteredPlanner,
  base: ClusterState,
  survey: readonly SurveyedNode[],
  initialBudgets: DisruptionBudgets,
  settings: ConsolidationSearchSettings,
): ConsolidationSearch {
  let evaluatedPlans = 0;
  let stoppedBy: 'time' | 'work' | null = null;
  const keeps = new Map<string, Keep>();
  const zoneNodes = new Map<string | undefined, number>();
  for (const node of survey) zoneNodes.set(node.zone, (zoneNodes.get(node.zone) ?? 0) + 1);
  const zoneAllows = (removed: readonly SurveyedNode[], node: SurveyedNode): boolean => {
    if (node.zone === undefined || settings.keepPerZone === 0) return true;
    const gone = removed.filter((other) => other.zone === node.zone).length;
    return zoneNodes.get(node.zone)! - gone - 1 >= settings.keepPerZone;
  };
  const evictedOf = (nodes: readonly SurveyedNode[]) => nodes.flatMap((node) => node.evicted);
  const replayCost = (nodes: readonly SurveyedNode[]) => evictedOf(nodes).length * Math.max(1, base.nodes.length);
  /** The answer as a scenario: remove `nodes`, place their evicted pods in drain order, identical pods together (run-order.ts). */
  const replay = (nodes: readonly SurveyedNode[]): PlanRun => {
    const trial = base.fork();
    trial.removeNodes(nodes.map((node) => node.name));
    evaluatedPlans++;
    return planner.plan(trial, inRunOrder(evictAgain(trial, evictedOf(nodes))));
  };
  const outOfTime = (): boolean => {
    if (!settings.timeUp()) return false;
    stoppedBy ??= 'time';
    return true;
  };
  const affordable = (cost: number): boolean => {
    if (planner.remainingWork >= cost) return true;
    stoppedBy ??= 'work';
    return false;
  };

  // 1. Greedy, on a cluster that carries every accepted removal, in batches (see BATCH below).
  const candidates = survey.filter((node) => node.candidate).sort(byObjective(settings.objective));
  let removed: SurveyedNode[] = [];
  let budgets = initialBudgets.copy();
  let current = base;
  let triedNodes = 0;
  let batchSize = 1;
  const queue = [...candidates];
  while (queue.length > 0) {
    // A node's own verdicts (drainability, zone minimum, PDBs) are taken in candidate order: one that depends on the batch waits for it.
    const batch: SurveyedNode[] = [];
    while (batch.length < batchSize && queue.length > 0) {
      const node = queue[0];
      if (node.blocker) {
        keeps.set(node.name, { because: node.blocker.reason, reason: node.blocker.message, pod: node.blocker.pod, rule: node.blocker.rule });
        queue.shift();
        continue;
      }
      const zoneKeeps = !zoneAllows([...removed, ...batch], node);
      const overdrawn = zoneKeeps || !settings.respectPdbs ? undefined : budgets.overdrawnBy([...evictedOf(batch), ...node.evicted]);
      if (zoneKeeps || overdrawn) {
        if (batch.length > 0) break;
        queue.shift();
        if (zoneKeeps) keeps.set(node.name, { because: 'KeepPerZone', reason: `zone ${node.zone} must keep at least ${settings.keepPerZone} node(s)` });
        else {
          const pod = `${overdrawn!.pod.metadata?.namespace || 'default'}/${overdrawn!.pod.metadata?.name}`;
          keeps.set(node.name, { because: 'NotEnoughPdb', reason: `not enough pod disruption budget (${overdrawn!.budget}) to move ${pod}`, pod, rule: 'pdb' });
        }
        continue;
      }
      batch.push(queue.shift()!);
    }
    if (batch.length === 0) continue;
    const trial = current.fork();
    const withNodes = new Set(batch.flatMap((node) => node.goneWithNode));
    // Each node's pods in name order (as `evicted` lists them), with the pods earlier removals moved onto it.
    const displaced = batch.flatMap((node) =>
      trial
        .removeNode(node.name)
        .filter((pod) => !withNodes.has(pod.key))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    );
    if (stoppedBy !== null || outOfTime() || !affordable(displaced.length * trial.nodes.length + replayCost([...removed, ...batch]))) {
      for (const node of batch) keeps.set(node.name, { because: 'NotTried', reason: `not tried: the search's ${stoppedBy} budget ran out` });
      continue;
    }
    evaluatedPlans++;
    const run = planner.plan(trial, inRunOrder(evictAgain(trial, displaced.map((pod) => pod.pod))), { stopAtFirstUnplaced: true });
    const failed = firstFailure(run);
    if (!failed) {
      current = run.cluster;
      removed.push(...batch);
      budgets.spend(evictedOf(batch));
      triedNodes += batch.length;
      batchSize = Math.min(batchSize * 2, BATCH.max);
    } else if (batch.length === 1) {
      keeps.set(batch[0].name, { because: 'FailedScheduling', reason: `${failed.podKey} has nowhere else to go`, pod: failed.podKey, message: failed.failureMessage ?? '' });
      triedNodes++;
    } else {
      // Some node of the batch cannot go: its first half is tried again on its own.
      queue.unshift(...batch);
      batchSize = Math.ceil(batch.length / 2);
    }
  }

  // 2. Local search: one removed node back, several kept ones out.
  let improvements = 0;
  const exchangeable = () => candidates.filter((node) => keeps.get(node.name)?.because === 'FailedScheduling');
  let improved = true;
  while (improved && stoppedBy === null && exchangeable().length > 0) {
    improved = false;
    for (const given of [...removed].reverse()) {
      if (outOfTime()) break;
      const trialSet = removed.filter((node) => node !== given);
      for (const node of exchangeable()) {
        if (outOfTime() || !affordable(replayCost([...trialSet, node]) + replayCost(removed))) break;
        if (!zoneAllows(trialSet, node)) continue;
        if (settings.respectPdbs && initialBudgets.overdrawnBy(evictedOf([...trialSet, node]))) continue;
        if (firstFailure(replay([...trialSet, node]))) continue;
        trialSet.push(node);
      }
      if (better(settings.objective, trialSet, removed)) {
        for (const node of trialSet) if (!removed.includes(node)) keeps.delete(node.name);
        keeps.set(given.name, { because: 'Exchanged', reason: `kept so that ${trialSet.filter((node) => !removed.includes(node)).map((node) => node.name).join(', ')} can go instead` });
        removed = trialSet;
        improvements++;
        improved = true;
        break;
      }
    }
  }

  // 3. Verification: the replay must place everything; give nodes back, last first, until it does.
  let verified = replay(removed);
  for (let failed = firstFailure(verified); failed; failed = firstFailure(verified)) {
    const given = removed[removed.length - 1];
    keeps.set(given.name, { because: 'FailedScheduling', reason: `${failed.podKey} has nowhere else to go once every removable node is gone`, pod: failed.podKey, message: failed.failureMessage ?? '' });
    removed = removed.slice(0, -1);
    verified = replay(removed);
  }
  budgets = initialBudgets.copy();
  for (const node of removed) budgets.spend(node.evicted);

  const kept: KeptNode[] = candidates
    .filter((node) => !removed.includes(node))
    .map((node) => {
      const keep = keeps.get(node.name)!;
      return { node: node.name, reason: keep.reason, because: keep.because, rule: keep.rule ?? null, pod: keep.pod ?? null, message: keep.message ?? null };
    });
  return { removed, replay: verified, kept, budgets, evaluatedPlans, triedNodes, improvements, stoppedBy };
}
