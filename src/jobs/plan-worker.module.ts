import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { PlanLeasesModule } from './leases/plan-leases.module.js';
import { PlanJobsService } from './plan-jobs.service.js';
import { PlanWorker } from './plan-worker.js';

/** The plan-job consumer; idle in `serve` processes (see PlanWorker). */
@Module({ imports: [PlansModule, PlanLeasesModule], providers: [PlanJobsService, PlanWorker] })
export class PlanWorkerModule {}
