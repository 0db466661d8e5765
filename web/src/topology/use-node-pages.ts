/**
 * The nodes of one zone (or of the whole topology) matching a label selector,
 * in the order asked (the service sorts and narrows them, with the shown
 * plan's loads), fetched a page at a time as the virtualised list scrolls
 * towards the end.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { graphqlRequest } from '../api/graphql-client.js';
import { TOPOLOGY_NODES_QUERY } from '../api/documents.js';
import type { Connection, TopologyNode } from '../api/types.js';
import type { NodeSort, PlannedNodeLoad } from './node-arrangement.js';

interface NodesAnswer {
  topology: { nodes: Connection<TopologyNode> & { totalCount: number } };
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

export function useNodePages(topologyId: string, zone: string | undefined, labelSelector: string | undefined, order: NodeOrder): NodePages {
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
      graphqlRequest<NodesAnswer>(TOPOLOGY_NODES_QUERY, {
        id: topologyId,
        zone,
        labelSelector,
        sort: order.sort,
        planned: order.planned,
        withPlannedReplicas: order.withPlannedReplicas,
        after,
      })
        .then(({ topology }) => {
          if (generation !== queryGeneration.current) return;
          setNodes((loaded) => (after === null ? [] : loaded).concat(topology.nodes.edges.map((edge) => edge.node)));
          setTotalCount(topology.nodes.totalCount);
          setEndCursor(topology.nodes.pageInfo.endCursor);
          setHasNextPage(topology.nodes.pageInfo.hasNextPage);
        })
        .catch((failure: unknown) => {
          if (generation === queryGeneration.current) setError(failure instanceof Error ? failure : new Error(String(failure)));
        })
        .finally(() => {
          if (generation === queryGeneration.current) setLoading(false);
        });
    },
    [topologyId, zone, labelSelector, order],
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
