/**
 * A replica's explanation: for a dry run, what the simulation already
 * returned; for a stored plan, its candidates, rejection counts and the
 * nodes that rejected it, each with every failing rule — recomputed by the
 * service a page at a time (PlanPlacement.nodes(feasible: false)).
 */
import { useCallback, useEffect, useState } from 'react';
import { graphqlRequest } from '../api/graphql-client.js';
import { PLACEMENT_EXPLANATION_QUERY } from '../api/documents.js';
import type { Connection, PlacementDetail, RejectedNode } from '../api/types.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';

export interface ReplicaExplanation {
  node: string | null;
  score: number | null;
  message: string;
  feasibleNodes: number;
  evaluatedNodes: number;
  candidates: PlacementDetail['candidates'];
  rejections: PlacementDetail['rejections'];
  unscoredPlugins: PlacementDetail['unscoredPlugins'];
  /** Undefined for a dry run: its per-node table is not kept. */
  rejectedNodes: { nodes: RejectedNode[]; totalCount: number; endCursor: string | null; hasNextPage: boolean } | undefined;
}

interface ExplanationAnswer {
  plan: { placements: { edges: { node: PlacementDetail & { nodes: Connection<RejectedNode> & { totalCount: number } } }[] } };
}

export function useReplicaExplanation(replica: ReplicaPlacement) {
  const [explanation, setExplanation] = useState<ReplicaExplanation>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);

  const fetchStored = useCallback(
    async (rejectedAfter: string | null): Promise<ReplicaExplanation> => {
      if (replica.explanation.kind !== 'stored') throw new Error('not a stored placement');
      const { planId, cursorBefore } = replica.explanation;
      const answer = await graphqlRequest<ExplanationAnswer>(PLACEMENT_EXPLANATION_QUERY, { planId, after: cursorBefore, rejectedAfter });
      const [edge] = answer.plan.placements.edges;
      if (!edge) throw new Error(`${replica.pod} is no longer in this plan`);
      const placement = edge.node;
      return {
        node: placement.nodeName,
        score: placement.score,
        message: placement.message,
        feasibleNodes: placement.feasibleNodes,
        evaluatedNodes: placement.evaluatedNodes,
        candidates: placement.candidates,
        rejections: placement.rejections,
        unscoredPlugins: placement.unscoredPlugins,
        rejectedNodes: {
          nodes: placement.nodes.edges.map((nodeEdge) => nodeEdge.node),
          totalCount: placement.nodes.totalCount,
          endCursor: placement.nodes.pageInfo.endCursor,
          hasNextPage: placement.nodes.pageInfo.hasNextPage,
        },
      };
    },
    [replica],
  );

  useEffect(() => {
    setError(undefined);
    if (replica.explanation.kind === 'simulated') {
      const { placement } = replica.explanation;
      setExplanation({
        node: placement.node,
        score: placement.score,
        message: placement.message,
        feasibleNodes: placement.feasibleNodes,
        evaluatedNodes: placement.evaluatedNodes,
        candidates: placement.candidates ?? [],
        rejections: placement.rejections ?? [],
        unscoredPlugins: placement.unscoredPlugins,
        rejectedNodes: undefined,
      });
      return;
    }
    let current = true;
    setExplanation(undefined);
    setLoading(true);
    fetchStored(null)
      .then((loaded) => current && setExplanation(loaded))
      .catch((failure: unknown) => current && setError(failure instanceof Error ? failure : new Error(String(failure))))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [replica, fetchStored]);

  const loadMoreRejected = useCallback(() => {
    const rejected = explanation?.rejectedNodes;
    if (!rejected?.hasNextPage || loading) return;
    setLoading(true);
    fetchStored(rejected.endCursor)
      .then((page) =>
        setExplanation((shown) =>
          shown?.rejectedNodes && page.rejectedNodes ? { ...shown, rejectedNodes: { ...page.rejectedNodes, nodes: shown.rejectedNodes.nodes.concat(page.rejectedNodes.nodes) } } : page,
        ),
      )
      .catch((failure: unknown) => setError(failure instanceof Error ? failure : new Error(String(failure))))
      .finally(() => setLoading(false));
  }, [explanation, loading, fetchStored]);

  return { explanation, error, loading, loadMoreRejected };
}
