/**
 * Why a cluster could not be read, naming the kubeconfig context and the API
 * server, so "which cluster?" is never the next question. `reason` lets the
 * edges choose: a bad kubeconfig is the user's input (CLI exit code 2, HTTP
 * 400); the rest is the cluster's or the network's (exit code 1, a refresh
 * error).
 */
export type ClusterReadFailure =
  /** The kubeconfig cannot be used: unreadable, malformed, unknown context, no server. */
  | 'kubeconfig'
  /** No answer: connection refused, DNS, TLS, timeout, proxy. */
  | 'unreachable'
  /** 401: the credentials were refused (or could not be obtained, e.g. an exec plugin failed). */
  | 'unauthorized'
  /** The cluster holds more objects than the caller's limit. */
  | 'limit'
  /** Anything else the server answered that a read cannot go past. */
  | 'failed';

export interface ClusterEndpoint {
  /** The kubeconfig context; `in-cluster` for the pod's service account. */
  readonly context: string;
  readonly server: string;
}

export class ClusterReadError extends Error {
  constructor(
    readonly reason: ClusterReadFailure,
    detail: string,
    readonly endpoint: Partial<ClusterEndpoint> = {},
  ) {
    super(`${describeEndpoint(endpoint)}${detail}`);
    this.name = 'ClusterReadError';
  }
}

function describeEndpoint(endpoint: Partial<ClusterEndpoint>): string {
  const parts = [
    ...(endpoint.context !== undefined ? [`context "${endpoint.context}"`] : []),
    ...(endpoint.server !== undefined ? [`server ${endpoint.server}`] : []),
  ];
  return parts.length === 0 ? '' : `${parts.join(', ')}: `;
}
