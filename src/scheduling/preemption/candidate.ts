/** What a dry run yields for one node: the pods to evict so the preemptor fits (upstream preemption.Candidate). */
import type { PodInfo } from '../model/pod-info.js';

export interface Victim {
  readonly pod: PodInfo;
  /** Evicting it spends a PodDisruptionBudget below zero. */
  readonly violatesPdb: boolean;
}

export interface Candidate {
  readonly node: string;
  /** Most important first (priority desc, then earliest start), as upstream keeps Victims.Pods. */
  readonly victims: readonly Victim[];
  readonly numPdbViolations: number;
}
