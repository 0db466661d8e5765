/** Sizes of topology revisions imported: `podplan_topology_import_objects` and `podplan_topology_import_bytes`. */
import { Inject, Injectable } from '@nestjs/common';
import type { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry.js';

/** 1 to a million objects, ×4 per bucket (a 5,000-node / 50,000-pod dump lands near 55,000). */
const OBJECT_BUCKETS = [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576];
/** 1 KiB to 1 GiB, ×4 per bucket. */
const BYTE_BUCKETS = [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576].map((kibibytes) => kibibytes * 1024);

@Injectable()
export class ImportMetrics {
  private readonly objects: Histogram;
  private readonly bytes: Histogram;

  constructor(@Inject(MetricsRegistry) registry: MetricsRegistry) {
    this.objects = registry.histogram({ name: 'topology_import_objects', help: 'Objects in each topology revision imported (after validation).', buckets: OBJECT_BUCKETS });
    this.bytes = registry.histogram({ name: 'topology_import_bytes', help: 'Size of each topology revision imported, as stored (JSON bytes).', buckets: BYTE_BUCKETS });
  }

  revisionImported(objects: number, bytes: number): void {
    this.objects.observe(objects);
    this.bytes.observe(bytes);
  }
}
