/** Source views → REST bodies. */
import { formatRefreshInterval } from '../sources/refresh-interval.js';
import type { RefreshRecord, TopologySourceView } from '../sources/topology-source.types.js';
import type { RefreshDto, TopologySourceDto } from './topology-source.dto.js';

export function toRefreshDto(record: RefreshRecord): RefreshDto {
  return {
    trigger: record.trigger,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    durationMs: record.durationMs,
    outcome: record.outcome,
    revisionStored: record.outcome === 'stored',
    revision: record.revision,
    error: record.error,
    warnings: record.warnings.map((warning) => ({ path: warning.path, message: warning.message })),
  };
}

export function toTopologySourceDto(source: TopologySourceView): TopologySourceDto {
  return {
    kind: source.kind,
    context: source.context,
    server: source.server,
    namespaceSelector: source.namespaceSelector,
    refreshInterval: source.refreshIntervalSeconds === null ? null : formatRefreshInterval(source.refreshIntervalSeconds),
    nextRefreshAt: source.nextRefreshAt?.toISOString() ?? null,
    lastRefresh: source.lastRefresh === null ? null : toRefreshDto(source.lastRefresh),
    lastSuccessAt: source.lastSuccessAt?.toISOString() ?? null,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
  };
}
