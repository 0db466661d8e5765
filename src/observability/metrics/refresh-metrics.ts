/** Refreshes of topologies from their clusters: `podplan_topology_refreshes_total{outcome}` and `podplan_topology_refresh_duration_seconds{outcome}`. */
import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry.js';

/** 50 ms to 10 minutes: a small cluster answers in a few requests, a 5,000-node one pages through hundreds. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

@Injectable()
export class RefreshMetrics {
  private readonly refreshes: Counter<'outcome'>;
  private readonly duration: Histogram<'outcome'>;

  constructor(@Inject(MetricsRegistry) registry: MetricsRegistry) {
    this.refreshes = registry.counter({ name: 'topology_refreshes_total', help: 'Refreshes of topologies from their clusters, by outcome (stored, unchanged, failed).', labelNames: ['outcome'] });
    this.duration = registry.histogram({
      name: 'topology_refresh_duration_seconds',
      help: 'Time from the start of a refresh (cluster read, import, store) to its outcome.',
      labelNames: ['outcome'],
      buckets: DURATION_BUCKETS,
    });
  }

  refreshed(outcome: 'stored' | 'unchanged' | 'failed', seconds: number): void {
    this.refreshes.inc({ outcome });
    this.duration.observe({ outcome }, seconds);
  }
}
