import { totalCountResolverOf } from '../topologies/graphql/total-count.resolver.js';
import { PlanConnectionModel, PlanPlacementConnectionModel } from './graphql/plan.model.js';
import { Global, Module } from '@nestjs/common';
import { PLAN_STORE } from '../pipeline/plan-store.js';
import { TopologiesModule } from '../topologies/topologies.module.js';
import { PlanPlacementResolver } from './graphql/plan-placement.resolver.js';
import { PlansResolver } from './graphql/plans.resolver.js';
import { SimulationResolver } from './graphql/simulation.resolver.js';
import { PlansRepository } from './persistence/plans.repository.js';
import { PlansService } from './plans.service.js';
import { PlansController } from './rest/plans.controller.js';
import { SimulationsController } from './rest/simulations.controller.js';
import { DocumentParserModule } from '../common/parsing/document-parser.module.js';

/** Stored plans: their API, their reads, and the PlanStore the pipeline writes them through (global, so the pipeline below can inject it). */
@Global()
@Module({
  imports: [TopologiesModule, DocumentParserModule],
  controllers: [PlansController, SimulationsController],
  providers: [PlansRepository, { provide: PLAN_STORE, useExisting: PlansRepository }, PlansService, PlansResolver, PlanPlacementResolver, SimulationResolver, totalCountResolverOf(PlanConnectionModel), totalCountResolverOf(PlanPlacementConnectionModel)],
  exports: [PlansService, PlansRepository, PLAN_STORE],
})
export class PlansModule {}
