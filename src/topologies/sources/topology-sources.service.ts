/**
 * A topology's source: the cluster its scheduled refreshes read. Setting it
 * checks the kubeconfig as a refresh will use it (self-contained, the
 * context exists, a server is named) and seals it under PODPLAN_SOURCE_KEY
 * before it is stored; nothing here ever returns it.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import { sourcesConfigOf, type AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.token.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { SecretCipher } from '../../common/security/secret-cipher.js';
import { parseInput } from '../../common/validation/parse-input.js';
import { ClusterReadError } from '../../kube/cluster-api/cluster-read-error.js';
import { IN_CLUSTER_CONTEXT, loadKubeconfig } from '../../kube/cluster-api/kubeconfig-source.js';
import { InvalidInputError } from '../../kube/field-error.js';
import { parseSelectorString } from '../../kube/label-selector-string.js';
import { TopologiesService } from '../topologies.service.js';
import { TopologySourcesRepository, type SourceRow } from '../persistence/topology-sources.repository.js';
import { parseRefreshInterval } from './refresh-interval.js';
import { REFRESH_ENQUEUER, type RefreshEnqueuer } from './refresh-enqueuer.js';
import { topologySourceInput } from './topology-source.input.js';
import type { TopologySourceView } from './topology-source.types.js';

/** The cipher of stored kubeconfigs, or undefined when PODPLAN_SOURCE_KEY is not set. */
export function sourceCipherOf(config: AppConfig): SecretCipher | undefined {
  const key = sourcesConfigOf(config).key;
  return key === undefined ? undefined : new SecretCipher(key);
}

export const MISSING_KEY_MESSAGE =
  'this server stores no kubeconfigs: PODPLAN_SOURCE_KEY is not set (32 random bytes, e.g. `openssl rand -base64 32`, the same on every API and worker process); or use inCluster: true';

@Injectable()
export class TopologySourcesService {
  private readonly cipher: SecretCipher | undefined;

  constructor(
    private readonly repository: TopologySourcesRepository,
    private readonly topologies: TopologiesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(REFRESH_ENQUEUER) private readonly enqueuer?: RefreshEnqueuer,
  ) {
    this.cipher = sourceCipherOf(config);
  }

  /**
   * Validates `input` (error paths under `basePath`), stores the source and
   * asks for a first refresh. Nothing is stored when anything is wrong.
   */
  async set(team: string, topologyId: string, input: unknown, basePath = ''): Promise<TopologySourceView> {
    const source = parseInput(topologySourceInput, input, basePath);
    const path = (field: string): string => (basePath === '' ? field : `${basePath}.${field}`);
    await this.topologies.get(team, topologyId);

    let refreshIntervalSeconds: number | null = null;
    if (source.refreshInterval !== undefined && source.refreshInterval !== null) {
      const seconds = parseRefreshInterval(source.refreshInterval);
      if (seconds === undefined) throw new InvalidInputError([{ path: path('refreshInterval'), message: 'must be a duration such as "90s", "15m", "1h30m" or "24h"' }]);
      const minimum = sourcesConfigOf(this.config).minRefreshIntervalSeconds;
      if (seconds < minimum) {
        throw new InvalidInputError([{ path: path('refreshInterval'), message: `must be at least ${minimum}s (PODPLAN_MIN_REFRESH_INTERVAL_SECONDS)` }]);
      }
      refreshIntervalSeconds = seconds;
    }
    if (source.namespaceSelector !== undefined) parseSelectorString(source.namespaceSelector, path('namespaceSelector'));

    const common = { namespaceSelector: source.namespaceSelector ?? null, refreshIntervalSeconds };
    let row: SourceRow;
    if (source.inCluster === true) {
      row = { kind: 'inCluster', sealedKubeconfig: null, keyFingerprint: null, context: IN_CLUSTER_CONTEXT, server: null, ...common };
    } else {
      const kubeconfig = source.kubeconfig!;
      if (this.cipher === undefined) throw new InvalidInputError([{ path: path('kubeconfig'), message: MISSING_KEY_MESSAGE }]);
      let endpoint;
      try {
        ({ endpoint } = loadKubeconfig({ kind: 'text', text: kubeconfig, selfContained: true, ...(source.context !== undefined ? { context: source.context } : {}) }));
      } catch (error) {
        if (!(error instanceof ClusterReadError)) throw error;
        const aboutContext = source.context !== undefined && error.endpoint.context === source.context && error.endpoint.server === undefined;
        throw new InvalidInputError([{ path: path(aboutContext ? 'context' : 'kubeconfig'), message: error.message }]);
      }
      row = {
        kind: 'kubeconfig',
        sealedKubeconfig: this.cipher.seal(kubeconfig, topologyId),
        keyFingerprint: this.cipher.fingerprint,
        context: endpoint.context,
        server: endpoint.server,
        ...common,
      };
    }
    await this.repository.upsert(team, topologyId, row);
    await this.enqueuer?.enqueueRefresh(topologyId, 'source-set');
    return this.get(team, topologyId);
  }

  /** The source (never its kubeconfig); 404 when the topology has none. */
  async get(team: string, topologyId: string): Promise<TopologySourceView> {
    const source = await this.find(team, topologyId);
    if (source === null) throw new NotFoundError('Source of topology', topologyId);
    return source;
  }

  /** The source, or null when the topology has none; 404 when the topology does not exist. */
  async find(team: string, topologyId: string): Promise<TopologySourceView | null> {
    await this.topologies.get(team, topologyId);
    return this.repository.find(team, topologyId);
  }

  /** Stops following the cluster; the revisions stay. */
  async remove(team: string, topologyId: string): Promise<void> {
    await this.topologies.get(team, topologyId);
    if (!(await this.repository.remove(team, topologyId))) throw new NotFoundError('Source of topology', topologyId);
  }

  /** Queues a refresh now; 404 when the topology has no source. */
  async requestRefresh(team: string, topologyId: string): Promise<TopologySourceView> {
    const source = await this.get(team, topologyId);
    if (this.enqueuer === undefined) throw new Error('no refresh queue in this process');
    await this.enqueuer.enqueueRefresh(topologyId, 'request');
    return source;
  }
}
