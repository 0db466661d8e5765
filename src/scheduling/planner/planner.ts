/**
 * Places pods one at a time, in order, on a fork of the cluster: each placed
 * pod is bound into the state the next one sees (upstream's "assume"), so
 * replica i+1 is scheduled exactly as kube-scheduler would schedule it after
 * replica i. The caller's cluster is never modified.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { Framework, type Profile } from '../framework/framework.js';
import { NodeResultMemo } from '../framework/node-result-memo.js';
import { NodeStaticResults } from '../framework/node-static-results.js';
import { ReplicaRuns } from '../batch/replica-runs.js';
import type { ClusterState } from '../model/cluster-state.js';
import { DEFAULT_POD_REQUEST_OPTIONS, type PodRequestOptions } from '../model/pod-requests.js';
import { bindPodInfo, buildPodInfo, type PodInfo } from '../model/pod-info.js';
import { admitPodPriority } from '../model/pod-priority.js';
import type { EngineMode, ExplainLevel, PodDecision } from './decision.js';
import { EvictedPodQueue } from './evicted-pod-queue.js';
import { nodeTreeOrder } from './node-tree-order.js';
import { PluginError } from '../framework/status.js';
import { gatedDecision, schedulerErrorDecision } from './unattempted-decisions.js';
import { scheduleOne, type CycleOptions } from './schedule-one.js';
import { SeededRandom } from './seeded-random.js';
import { DEFAULT_RELEASE } from '../release/kubernetes-release.js';


export const DEFAULT_TOP_CANDIDATES = 3;
export const DEFAULT_SEED = 1;

export interface PlanOptions {
  readonly mode?: EngineMode;
  /** Faithful mode's random seed (tie-breaking). */
  readonly seed?: number;
  readonly explain?: ExplainLevel;
  readonly topCandidates?: number;
  /** Called after each pod with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked before each pod; returning true stops the plan early (cancellation, time budgets). */
  readonly shouldStop?: () => boolean;
  /**
   * Place pods evicted by preemption again once every plan pod is placed,
   * highest priority first, each with its own decision (as their controllers
   * would recreate them). Default false: evicted pods are only reported.
   */
  readonly rescheduleEvicted?: boolean;
  /**
   * The positions of pods to explain in full whatever `explain` says: how a
   * stored plan's per-node tables for some replicas are recomputed by one
   * replay.
   */
  readonly explainFullAt?: number | ReadonlySet<number>;
  /**
   * Reuse node-local plugin results across identical pods, and score by
   * node position where a plugin can (PodTopologySpread's interned topology
   * values) (default true). Off only to check that neither changes a decision.
   */
  readonly reuseNodeResults?: boolean;
  /**
   * Answer "which pods does this selector match" from the plan's pod label
   * index (model/pod-label-index.ts) rather than node by node (default
   * true). Off only to check that the index never changes a decision.
   */
  readonly indexPodLabels?: boolean;
  /**
   * Schedule consecutive identical replicas as one run (batch/replica-run.ts)
   * in exhaustive mode (default true). Off, or 'every-node' (runs that score
   * every feasible node rather than score buckets), only to check that runs
   * never change a decision.
   */
  readonly replicaRuns?: boolean | 'every-node';
  /** Stop after the first pod no node fits (capacity analyses); the plan is then incomplete. */
  readonly stopAtFirstUnplaced?: boolean;
}

export interface PlanRun {
  readonly decisions: PodDecision[];
  /** The cluster after every placement (a fork of the input). */
  readonly cluster: ClusterState;
  /** False when shouldStop ended the run before every pod was considered. */
  readonly complete: boolean;
  readonly mode: EngineMode;
  readonly kubernetesVersion: string;
  /** How many decisions replica runs made (the rest went through scheduleOne). */
  readonly runReplicas: number;
}

export class Planner {
  private readonly framework: Framework;
  /** The release the profile emulates: every run says so. */
  private readonly kubernetesVersion: string;
  /** How the release counts the pods' pod-level resources. */
  private readonly podRequestOptions: PodRequestOptions;

  constructor(profile: Profile) {
    this.framework = new Framework(profile);
    this.kubernetesVersion = profile.kubernetesVersion ?? DEFAULT_RELEASE;
    this.podRequestOptions = profile.podRequestOptions ?? DEFAULT_POD_REQUEST_OPTIONS;
  }

  plan(cluster: ClusterState, pods: readonly V1Pod[], options: PlanOptions = {}): PlanRun {
    const mode = options.mode ?? 'exhaustive';
    const working = cluster.fork();
    if (options.indexPodLabels === false) working.withoutPodLabelIndex();
    const cycleOptions: CycleOptions = {
      explain: options.explain ?? 'summary',
      topCandidates: options.topCandidates ?? DEFAULT_TOP_CANDIDATES,
      ...(options.reuseNodeResults === false ? {} : { memo: new NodeResultMemo(), nodeStatic: new NodeStaticResults() }),
      ...(mode === 'faithful'
        ? {
            faithful: {
              random: new SeededRandom(options.seed ?? DEFAULT_SEED),
              nextStartNodeIndex: 0,
              nodeOrder: nodeTreeOrder(working.nodes),
            },
          }
        : {}),
    };
    const decisions: PodDecision[] = [];
    const evicted = new EvictedPodQueue();
    const stopped = (): PlanRun => ({ decisions, cluster: working, complete: false, mode, kubernetesVersion: this.kubernetesVersion, runReplicas: runs?.decided ?? 0 });
    // Same faithful state object: replaying with one full explanation changes no decision.
    const fullOptions: CycleOptions = { ...cycleOptions, explain: 'full' };
    const runs =
      mode === 'exhaustive' && cycleOptions.explain === 'summary' && options.replicaRuns !== false
        ? new ReplicaRuns(this.framework, working, { topCandidates: cycleOptions.topCandidates, buckets: options.replicaRuns !== 'every-node' })
        : undefined;
    /** Places one pod; `following` lets a replica run see the pods after it. */
    const place = (podInfo: PodInfo, total: number, following: (offset: number) => PodInfo | undefined = () => undefined): void => {
      const held = this.framework.runPreEnqueue(podInfo, working);
      if (held) {
        // As upstream's queue: a gated pod waits outside the active queue; later pods are scheduled as if it were absent.
        decisions.push(gatedDecision(podInfo, held, working.nodes.length, cycleOptions.explain));
        options.onProgress?.(decisions.length, total);
        return;
      }
      const at = options.explainFullAt;
      const explainFull = typeof at === 'number' ? decisions.length === at : at?.has(decisions.length) === true;
      let decision: PodDecision | undefined;
      try {
        decision = explainFull ? undefined : runs?.decide(podInfo, following);
      } catch (error) {
        if (!(error instanceof PluginError)) throw error;
        // scheduleOne below decides whether upstream would have met that error (it skips scoring a lone feasible node).
        runs?.reset();
      }
      if (!decision) {
        try {
          decision = this.scheduleWithPreemption(working, podInfo, explainFull ? fullOptions : cycleOptions, evicted);
          runs?.scheduledAlone(decision, explainFull);
        } catch (error) {
          if (!(error instanceof PluginError)) throw error;
          // As upstream's schedulingCycle: a plugin Error fails this pod's attempt (FailedScheduling says why); others go on.
          runs?.reset();
          decision = schedulerErrorDecision(podInfo, error.message, working.nodes.length, cycleOptions.explain);
        }
      }
      if (decision.node !== null) {
        this.framework.runReserve(podInfo, decision.node, working);
        const bound = bindPodInfo(podInfo, decision.node);
        working.addPod(bound, decision.node);
        runs?.podAdded(bound, decision.node);
      }
      decisions.push(decision);
      options.onProgress?.(decisions.length, total);
    };
    const podInfos: PodInfo[] = [];
    const podInfoAt = (position: number): PodInfo | undefined =>
      position < pods.length ? (podInfos[position] ??= buildPodInfo(admitPodPriority(pods[position], working.objects.priorityClasses), this.podRequestOptions)) : undefined;
    for (let position = 0; position < pods.length; position++) {
      if (options.shouldStop?.()) return stopped();
      place(podInfoAt(position)!, pods.length, (offset) => podInfoAt(position + offset));
      if (options.stopAtFirstUnplaced && decisions[decisions.length - 1].node === null && position + 1 < pods.length) return stopped();
    }
    if (options.rescheduleEvicted) {
      for (let next = evicted.shift(); next; next = evicted.shift()) {
        if (options.shouldStop?.()) return stopped();
        place(next, decisions.length + 1 + evicted.size);
      }
    }
    return { decisions, cluster: working, complete: true, mode, kubernetesVersion: this.kubernetesVersion, runReplicas: runs?.decided ?? 0 };
  }

  /**
   * One scheduling cycle; when it preempts, the victims leave `working` and
   * the pod goes through the next cycle at once, as upstream's next attempt
   * would: its nominated node is tried first (evaluateNominatedNode). That
   * retry does not preempt again; should it fail, the pod stays unplaced with
   * its victims already gone, as upstream leaves it until a later attempt.
   */
  private scheduleWithPreemption(working: ClusterState, podInfo: PodInfo, cycleOptions: CycleOptions, evicted: EvictedPodQueue): PodDecision {
    const decision = scheduleOne(this.framework, working, podInfo, cycleOptions);
    const preemption = decision.preemption;
    if (decision.node !== null || !preemption) return decision;
    for (const victim of preemption.victims) {
      const removed = working.removePod(victim.podKey, victim.node);
      if (removed) evicted.push(removed);
    }
    const retry = scheduleOne(this.framework, working, podInfo, cycleOptions, {
      nominatedNode: preemption.nominatedNode,
      postFilter: false,
    });
    return { ...retry, preemption };
  }
}
