import { Module } from '@nestjs/common';
import { PlanLeaseMetrics } from './plan-lease-metrics.js';
import { PlanLeaseReaper } from './plan-lease-reaper.js';
import { PlanLeases } from './plan-leases.service.js';
import { PlanLeasesRepository } from './plan-leases.repository.js';

/** Plan leases: renewal for the plans this process runs, and the reaper that takes lost ones back (every role). */
@Module({
  providers: [PlanLeasesRepository, PlanLeases, PlanLeaseMetrics, PlanLeaseReaper],
  exports: [PlanLeases, PlanLeasesRepository, PlanLeaseMetrics],
})
export class PlanLeasesModule {}
