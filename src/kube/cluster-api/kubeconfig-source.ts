/**
 * Where a cluster read gets its connection: a kubeconfig (file or text) and
 * optionally one of its contexts, or the pod's own service account. Loaded
 * with @kubernetes/client-node, so tokens, client certificates, exec plugins,
 * proxies (`proxy-url`) and CA bundles work as they do there.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { ClusterReadError, type ClusterEndpoint } from './cluster-read-error.js';

export type KubeconfigSource =
  | { readonly kind: 'file'; readonly path: string; readonly context?: string }
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly context?: string;
      /**
       * Refuse what reads the reader's own machine: file references
       * (certificates, keys, token files), exec plugins and auth providers.
       * For kubeconfigs stored in podplan, which must not make the server run
       * commands or send its own files to a cluster.
       */
      readonly selfContained?: boolean;
    }
  | { readonly kind: 'inCluster' };

export interface LoadedKubeconfig {
  readonly config: KubeConfig;
  readonly endpoint: ClusterEndpoint;
}

/** The context name given to the pod's service-account configuration. */
export const IN_CLUSTER_CONTEXT = 'in-cluster';

export function loadKubeconfig(source: KubeconfigSource): LoadedKubeconfig {
  const config = new KubeConfig();
  if (source.kind === 'inCluster') {
    try {
      config.loadFromCluster();
    } catch (error) {
      throw new ClusterReadError('kubeconfig', `cannot use the pod's service account: ${(error as Error).message}`, { context: IN_CLUSTER_CONTEXT });
    }
    const server = config.getCurrentCluster()?.server;
    if (!server || server.includes('undefined')) {
      throw new ClusterReadError('kubeconfig', 'not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set', { context: IN_CLUSTER_CONTEXT });
    }
    return { config, endpoint: { context: IN_CLUSTER_CONTEXT, server } };
  }
  const origin = source.kind === 'file' ? `kubeconfig ${source.path}` : 'the kubeconfig';
  try {
    if (source.kind === 'file') config.loadFromFile(source.path);
    else {
      // Before loading: client-node reads `token-file` as it loads.
      if (source.selfContained) assertSelfContained(source.text);
      config.loadFromString(source.text);
    }
  } catch (error) {
    if (error instanceof ClusterReadError) throw error;
    const message = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ClusterReadError('kubeconfig', `cannot read ${origin}: ${message}`);
  }
  const context = selectContext(config, source.context, origin);
  const cluster = config.getCurrentCluster();
  if (!cluster?.server) {
    throw new ClusterReadError('kubeconfig', `${origin} names no cluster server for this context`, { context });
  }
  return { config, endpoint: { context, server: cluster.server } };
}

function selectContext(config: KubeConfig, wanted: string | undefined, origin: string): string {
  const names = config.getContexts().map((context) => context.name);
  const available = names.length === 0 ? 'it has no contexts' : `it has ${names.map((name) => `"${name}"`).join(', ')}`;
  if (wanted !== undefined) {
    if (!names.includes(wanted)) throw new ClusterReadError('kubeconfig', `${origin} has no context "${wanted}": ${available}`, { context: wanted });
    config.setCurrentContext(wanted);
    return wanted;
  }
  const current = config.getCurrentContext();
  if (!current || !names.includes(current)) {
    throw new ClusterReadError('kubeconfig', `${origin} has no usable current-context${current ? ` ("${current}" is not defined)` : ''}: name one with --context (${available})`);
  }
  return current;
}

/** Fields of a kubeconfig that read the local machine or run a command there. */
const CLUSTER_FILE_FIELDS = { 'certificate-authority': 'certificate-authority-data' } as const;
const USER_FILE_FIELDS = { 'client-certificate': 'client-certificate-data', 'client-key': 'client-key-data', 'token-file': 'token', tokenFile: 'token' } as const;
const USER_COMMAND_FIELDS = ['exec', 'auth-provider'] as const;

function assertSelfContained(text: string): void {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new ClusterReadError('kubeconfig', `cannot read the kubeconfig: ${(error as Error).message}`);
  }
  const entries = (key: string, inner: string): { name: string; fields: Record<string, unknown> }[] => {
    const list = (document as Record<string, unknown> | null)?.[key];
    return Array.isArray(list)
      ? list.map((entry: Record<string, unknown> | null) => ({ name: String(entry?.name ?? ''), fields: (entry?.[inner] ?? {}) as Record<string, unknown> }))
      : [];
  };
  const refused: string[] = [];
  for (const { name, fields } of entries('clusters', 'cluster')) {
    for (const [field, inline] of Object.entries(CLUSTER_FILE_FIELDS)) if (fields[field]) refused.push(`cluster "${name}" ${field} (a file; use ${inline})`);
  }
  for (const { name, fields } of entries('users', 'user')) {
    for (const [field, inline] of Object.entries(USER_FILE_FIELDS)) if (fields[field]) refused.push(`user "${name}" ${field} (a file; use ${inline})`);
    for (const field of USER_COMMAND_FIELDS) if (fields[field]) refused.push(`user "${name}" ${field} (the server would run it)`);
  }
  if (refused.length > 0) {
    throw new ClusterReadError('kubeconfig', `a stored kubeconfig must carry its credentials inline; it uses ${refused.join(', ')}`);
  }
}
