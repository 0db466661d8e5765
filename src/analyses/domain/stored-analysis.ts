/** An analysis run on a saved topology, as stored beside its plans. */
export type AnalysisKind = 'capacity' | 'scale-up' | 'failure-domains' | 'fit-suggestions' | 'compare-configs';

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
