/** Source views → GraphQL models. */
import { formatRefreshInterval } from '../sources/refresh-interval.js';
import type { RefreshRecord, TopologySourceView } from '../sources/topology-source.types.js';
import { RefreshOutcomeValue, RefreshTriggerValue, SourceKindValue, type TopologyRefreshModel, type TopologySourceModel } from './topology-source.model.js';

function toRefreshModel(record: RefreshRecord): TopologyRefreshModel {
  return {
    trigger: record.trigger as RefreshTriggerValue,
    startedAt: new Date(record.startedAt),
    finishedAt: new Date(record.finishedAt),
    durationMs: record.durationMs,
    outcome: record.outcome as RefreshOutcomeValue,
    revisionStored: record.outcome === RefreshOutcomeValue.stored,
    revision: record.revision,
    error: record.error,
    warnings: record.warnings.map((warning) => ({ path: warning.path, message: warning.message })),
  };
}

export function toTopologySourceModel(source: TopologySourceView): TopologySourceModel {
  return {
    kind: source.kind as SourceKindValue,
    context: source.context,
    server: source.server,
    namespaceSelector: source.namespaceSelector,
    refreshInterval: source.refreshIntervalSeconds === null ? null : formatRefreshInterval(source.refreshIntervalSeconds),
    nextRefreshAt: source.nextRefreshAt,
    lastRefresh: source.lastRefresh === null ? null : toRefreshModel(source.lastRefresh),
    lastSuccessAt: source.lastSuccessAt,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}
