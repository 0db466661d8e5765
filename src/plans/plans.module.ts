import { Module } from '@nestjs/common';
import { PlanJobsService } from '../jobs/plan-jobs.service.js';
import { PlanLeasesModule } from '../jobs/leases/plan-leases.module.js';
import { RevisionObjectsReader } from '../jobs/revision-objects.reader.js';
import { TopologiesModule } from '../topologies/topologies.module.js';
import { PlanPlacementResolver } from './graphql/plan-placement.resolver.js';
import { PlansResolver } from './graphql/plans.resolver.js';
import { SimulationResolver } from './graphql/simulation.resolver.js';
import { PlansRepository } from './persistence/plans.repository.js';
import { PlansService } from './plans.service.js';
import { PlansController } from './rest/plans.controller.js';
import { SimulationsController } from './rest/simulations.controller.js';

@Module({
  imports: [TopologiesModule, PlanLeasesModule],
  controllers: [PlansController, SimulationsController],
  providers: [PlansRepository, PlansService, PlanJobsService, RevisionObjectsReader, PlansResolver, PlanPlacementResolver, SimulationResolver],
  exports: [PlansService, PlanJobsService, PlansRepository],
})
export class PlansModule {}
