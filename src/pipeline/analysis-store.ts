/**
 * Where the pipeline stores analyses of saved topologies: the port
 * src/analyses implements with its repository (token ANALYSIS_STORE).
 */
import type { AnalysisKind } from '../what-if/run-analysis.js';

export type { AnalysisKind };

/** An analysis run on a saved topology, as stored beside its plans. */
export interface StoredAnalysis {
  readonly id: string;
  readonly topologyId: string;
  readonly revision: number;
  readonly kind: AnalysisKind;
  /** The request as validated (workloads and options; the cluster is the revision). */
  readonly request: unknown;
  readonly result: unknown;
  readonly createdAt: Date;
}

export interface NewAnalysis {
  readonly team: string;
  readonly topologyId: string;
  readonly revision: number;
  readonly kind: AnalysisKind;
  readonly request: unknown;
  readonly result: unknown;
}

export interface AnalysisStore {
  insert(analysis: NewAnalysis): Promise<StoredAnalysis>;
}

/** Injection token of the AnalysisStore (src/analyses provides its repository). */
export const ANALYSIS_STORE = Symbol('ANALYSIS_STORE');
