/**
 * One refresh of a topology from its source: open the sealed kubeconfig,
 * read the cluster (paged LISTs, src/kube/cluster-api), import it as a dump
 * is imported, and store a revision only when something scheduling reads
 * changed. Whatever happens, the outcome is recorded on the source (time,
 * duration, error naming the context and the server); a failure writes no
 * revision and deletes none, so the last good revision stays the latest.
 *
 * Limits come before the work they bound: the read stops as soon as the
 * cluster has sent more than PODPLAN_MAX_TOPOLOGY_OBJECTS objects.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { sourcesConfigOf, type AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.token.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { SecretUnreadableError, type SecretCipher } from '../../common/security/secret-cipher.js';
import { ClusterReadError } from '../../kube/cluster-api/cluster-read-error.js';
import { readCluster } from '../../kube/cluster-api/cluster-reader.js';
import type { KubeconfigSource } from '../../kube/cluster-api/kubeconfig-source.js';
import { InvalidInputError } from '../../kube/field-error.js';
import { parseSelectorString } from '../../kube/label-selector-string.js';
import { RefreshMetrics } from '../../observability/metrics/refresh-metrics.js';
import { TopologySourcesRepository } from '../persistence/topology-sources.repository.js';
import { TopologiesService } from '../topologies.service.js';
import { MISSING_KEY_MESSAGE, sourceCipherOf } from './topology-sources.service.js';
import type { RefreshRecord, RefreshTrigger, SourceConnection } from './topology-source.types.js';

/** A refresh that could not read or store, with the message recorded (it names the context and the server). */
class RefreshFailure extends Error {}

@Injectable()
export class TopologyRefreshService {
  private readonly logger = new Logger('TopologyRefresh');
  private readonly cipher: SecretCipher | undefined;

  constructor(
    private readonly sources: TopologySourcesRepository,
    private readonly topologies: TopologiesService,
    private readonly metrics: RefreshMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cipher = sourceCipherOf(config);
  }

  /**
   * Refreshes the topology; null when it has no source any more (removed,
   * or the topology deleted, since the refresh was queued). Expected
   * failures (the cluster, the kubeconfig, the key, the objects, a limit)
   * are recorded and returned; anything else is recorded and rethrown, so
   * the job is retried.
   */
  async refresh(topologyId: string, trigger: RefreshTrigger): Promise<RefreshRecord | null> {
    const connection = await this.sources.findConnection(topologyId);
    if (connection === null) return null;
    const started = Date.now();
    let server = connection.server;
    const finish = async (outcome: RefreshRecord['outcome'], details: Pick<RefreshRecord, 'revision' | 'error' | 'warnings'>): Promise<RefreshRecord> => {
      const finished = Date.now();
      const record: RefreshRecord = {
        trigger,
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        durationMs: finished - started,
        outcome,
        ...details,
      };
      await this.sources.recordRefresh(topologyId, record, server);
      this.metrics.refreshed(outcome, record.durationMs / 1000);
      return record;
    };

    try {
      const source = this.kubeconfigSourceOf(connection);
      const namespaceSelector = connection.namespaceSelector === null ? undefined : parseSelectorString(connection.namespaceSelector, 'namespaceSelector');
      const snapshot = await readCluster(source, {
        ...(namespaceSelector ? { namespaceSelector } : {}),
        maxObjects: this.config.limits.maxTopologyObjects,
      });
      server = snapshot.endpoint.server;
      const stored = await this.topologies.storeSnapshot(connection.team, topologyId, snapshot, sourcesConfigOf(this.config).keepRevisions);
      const record = await finish(stored.stored ? 'stored' : 'unchanged', { revision: stored.revision, error: null, warnings: stored.warnings });
      this.logger.log(`topology ${topologyId}: ${stored.stored ? `revision ${stored.revision} stored` : `unchanged since revision ${stored.revision}`} (${record.durationMs} ms)`);
      return record;
    } catch (error) {
      const { message, expected } = this.failureOf(error, connection, server);
      const record = await finish('failed', { revision: null, error: message, warnings: [] });
      this.logger.warn(`topology ${topologyId}: refresh failed: ${message}`);
      if (!expected) throw error;
      return record;
    }
  }

  private kubeconfigSourceOf(connection: SourceConnection): KubeconfigSource {
    if (connection.kind === 'inCluster') return { kind: 'inCluster' };
    if (this.cipher === undefined) throw new RefreshFailure(`cannot open the stored kubeconfig: ${MISSING_KEY_MESSAGE.replace(/; or use inCluster: true$/, '')}`);
    if (connection.keyFingerprint !== this.cipher.fingerprint) {
      throw new RefreshFailure(
        `cannot open the stored kubeconfig: it was sealed with another PODPLAN_SOURCE_KEY (fingerprint ${connection.keyFingerprint}; this process has ${this.cipher.fingerprint}); set the source again`,
      );
    }
    try {
      return { kind: 'text', text: this.cipher.open(connection.sealedKubeconfig!, connection.topologyId), context: connection.context, selfContained: true };
    } catch (error) {
      if (error instanceof SecretUnreadableError) throw new RefreshFailure(`cannot open the stored kubeconfig: ${error.message}`);
      throw error;
    }
  }

  /**
   * What the record says; every message names the context and the server.
   * `expected`: the cluster's, the kubeconfig's or a limit's doing, not
   * podplan's (a database failure is retried by the job).
   */
  private failureOf(error: unknown, connection: SourceConnection, server: string | null): { message: string; expected: boolean } {
    // ClusterReadError names them itself (`context "prod", server https://…: …`).
    if (error instanceof ClusterReadError) {
      return { message: error.endpoint.server === undefined && server !== null ? `${error.message} (server ${server})` : error.message, expected: true };
    }
    const where = `context "${connection.context}", server ${server ?? 'unknown'}: `;
    if (error instanceof RefreshFailure) return { message: where + error.message, expected: true };
    if (error instanceof InvalidInputError) {
      const first = error.errors.slice(0, 3).map((fieldError) => `${fieldError.path}: ${fieldError.message}`).join('; ');
      return { message: `${where}the cluster's objects were refused (${error.errors.length} error(s)): ${first}`, expected: true };
    }
    if (error instanceof DomainError && error.code !== 'SERVICE_UNAVAILABLE' && error.code !== 'INTERNAL_SERVER_ERROR') return { message: where + error.message, expected: true };
    return { message: `${where}podplan could not complete the refresh: ${(error as Error).message}`, expected: false };
  }
}
