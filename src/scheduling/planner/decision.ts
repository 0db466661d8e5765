/**
 * What the engine says about one pod: structured data made where the decision
 * is made. Prose is rendered from it at the edge (explanation-text.ts).
 */
import type { PluginScore } from '../framework/framework.js';
import type { Code, ReasonDetail } from '../framework/status.js';

export type EngineMode = 'exhaustive' | 'faithful';
export type ExplainLevel = 'summary' | 'full';

/** One failing filter on one node: upstream's reason text plus the facts behind it. */
export interface FilterFailure {
  readonly plugin: string;
  readonly reason: string;
  readonly code: Code;
  readonly details?: readonly ReasonDetail[];
}

export interface ScoredNode {
  readonly node: string;
  readonly total: number;
  readonly scores: Readonly<Record<string, PluginScore>>;
}

export interface NodeExplanation {
  readonly node: string;
  readonly feasible: boolean;
  /** Full explanations: every failing filter; summary: the first (the one upstream counts). */
  readonly filters?: readonly FilterFailure[];
  readonly scores?: Readonly<Record<string, PluginScore>>;
  readonly total?: number;
}

/** Nodes rejected for one reason (the first failing filter per node, as upstream's histogram). */
export interface Rejection {
  readonly plugin: string;
  readonly reason: string;
  readonly nodes: number;
}

export interface TieBreak {
  /** Feasible nodes sharing the best total. */
  readonly tiedNodes: number;
  /** exhaustive: lowest node name; faithful: seeded uniform choice, as upstream's selectHost. */
  readonly rule: 'lowest-name' | 'seeded-random';
}

/** A pod evicted so a more important one fits (one of upstream's preemption victims). */
export interface PreemptionVictim {
  readonly podKey: string;
  readonly namespace: string;
  readonly name: string;
  /** The node it was evicted from (the preemptor's nominated node). */
  readonly node: string;
  readonly priority: number;
  /** Evicting it spends a PodDisruptionBudget's disruptionsAllowed below zero. */
  readonly violatesPdb: boolean;
}

/** What DefaultPreemption did for a pod no node could take. */
export interface PreemptionRecord {
  /** The node the pod was nominated to (upstream status.nominatedNodeName). */
  readonly nominatedNode: string;
  /** Most important first, as upstream orders them. */
  readonly victims: readonly PreemptionVictim[];
  readonly pdbViolations: number;
  /**
   * FailedScheduling text of the cycle that preempted: upstream's FitError,
   * whose PostFilter part is empty because preemption succeeded.
   */
  readonly failureMessage: string;
}

export interface PodDecision {
  readonly podKey: string;
  readonly node: string | null;
  /** The chosen node's total score (null when unplaceable). */
  readonly score: number | null;
  readonly totalNodes: number;
  /** Nodes run through Filter (faithful mode may stop early). */
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  /**
   * Why the pod has no node: kube-scheduler's FailedScheduling text, or, for
   * a pod a PreEnqueue plugin kept out of the queue (scheduling gates), the
   * message of the PodScheduled condition it keeps while it waits.
   */
  readonly failureMessage?: string;
  /**
   * Set when a PreEnqueue plugin (SchedulingGates) kept the pod out of the
   * scheduling queue: it was never attempted, no node was evaluated.
   */
  readonly preEnqueueRejection?: FilterFailure;
  /** Set when a PreFilter rejected the pod outright. */
  readonly preFilterRejection?: FilterFailure;
  /** Best candidates first (total desc, then name); the first is the chosen node. */
  readonly candidates: readonly ScoredNode[];
  readonly rejections: readonly Rejection[];
  readonly tieBreak?: TieBreak;
  /** Present with explain "full": one entry per node of the cluster. */
  readonly nodes?: readonly NodeExplanation[];
  /** Set when the pod preempted others; `node` is then where the next cycle placed it (normally the nominated node). */
  readonly preemption?: PreemptionRecord;
}
