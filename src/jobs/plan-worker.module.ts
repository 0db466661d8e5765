import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { PlanWorker } from './plan-worker.js';

/** The plan-job consumer; idle in `serve` processes (see PlanWorker). */
@Module({ imports: [PlansModule], providers: [PlanWorker] })
export class PlanWorkerModule {}
