/**
 * The nodes of one zone (or of the whole topology) matching a label selector,
 * in the order asked (the service sorts and narrows them, with the shown
 * plan's loads), fetched a page at a time as the virtualised list scrolls
 * towards the end. A stored plan's list is its own (Plan.nodes): the nodes it
 * ran on, its scenario's edits applied, sorted by its stored replicas; a dry
 * run's is the topology's (Topology.nodes) with the replicas sent as `planned`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { graphqlRequest } from '../api/graphql-client.js';
import { PLAN_NODES_QUERY, TOPOLOGY_NODES_QUERY } from '../api/documents.js';
import type { Connection, TopologyNode } from '../api/types.js';
import type { NodeSort, PlannedNodeLoad } from './node-arrangement.js';

type NodesPage = Connection<TopologyNode> & { totalCount: number };

/** Topology.nodes or Plan.nodes, whichever was asked. */
type NodesAnswer = { topology: { nodes: NodesPage } } | { plan: { nodes: NodesPage } };

function nodesOf(answer: NodesAnswer): NodesPage {
  return 'plan' in answer ? answer.plan.nodes : answer.topology.nodes;
}

export interface NodePages {
  nodes: TopologyNode[];
  totalCount: number | undefined;
  hasNextPage: boolean;
  loading: boolean;
  error: Error | undefined;
  loadMore: () => void;
}

/** The order and narrowing the service applies; `planned` undefined when no plan is shown. */
export interface NodeOrder {
  sort: NodeSort;
  planned: readonly PlannedNodeLoad[] | undefined;
  withPlannedReplicas: boolean;
}

/** `planId`: the stored plan shown, whose own node list is read; undefined for none or a dry run. */
export function useNodePages(
  topologyId: string,
  planId: string | undefined,
  zone: string | undefined,
  labelSelector: string | undefined,
  order: NodeOrder,
): NodePages {
  const [nodes, setNodes] = useState<TopologyNode[]>([]);
  const [totalCount, setTotalCount] = useState<number>();
  const [endCursor, setEndCursor] = useState<string | null>(null);
  const [hasNextPage, setHasNextPage] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error>();
  /** Bumped when the query changes, so an answer for the old one is dropped. */
  const queryGeneration = useRef(0);

  const fetchPage = useCallback(
    (after: string | null) => {
      const generation = queryGeneration.current;
      setLoading(true);
      const shared = { zone, labelSelector, sort: order.sort, withPlannedReplicas: order.withPlannedReplicas, after };
      const request =
        planId === undefined
          ? graphqlRequest<NodesAnswer>(TOPOLOGY_NODES_QUERY, { id: topologyId, planned: order.planned, ...shared })
          : graphqlRequest<NodesAnswer>(PLAN_NODES_QUERY, { id: planId, ...shared });
      request
        .then((answer) => {
          if (generation !== queryGeneration.current) return;
          const page = nodesOf(answer);
          setNodes((loaded) => (after === null ? [] : loaded).concat(page.edges.map((edge) => edge.node)));
          setTotalCount(page.totalCount);
          setEndCursor(page.pageInfo.endCursor);
          setHasNextPage(page.pageInfo.hasNextPage);
        })
        .catch((failure: unknown) => {
          if (generation === queryGeneration.current) setError(failure instanceof Error ? failure : new Error(String(failure)));
        })
        .finally(() => {
          if (generation === queryGeneration.current) setLoading(false);
        });
    },
    [topologyId, planId, zone, labelSelector, order],
  );

  useEffect(() => {
    queryGeneration.current += 1;
    setNodes([]);
    setTotalCount(undefined);
    setError(undefined);
    setHasNextPage(true);
    fetchPage(null);
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (!loading && hasNextPage && !error && endCursor !== null) fetchPage(endCursor);
  }, [loading, hasNextPage, error, endCursor, fetchPage]);

  return { nodes, totalCount, hasNextPage, loading, error, loadMore };
}
