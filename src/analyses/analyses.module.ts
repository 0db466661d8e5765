import { Global, Module } from '@nestjs/common';
import { ANALYSIS_STORE } from '../pipeline/analysis-store.js';
import { PlansModule } from '../plans/plans.module.js';
import { TopologiesModule } from '../topologies/topologies.module.js';
import { AnalysesService } from './analyses.service.js';
import { AnalysesResolver } from './graphql/analyses.resolver.js';
import { AnalysesRepository } from './persistence/analyses.repository.js';
import { AnalysesController } from './rest/analyses.controller.js';
import { PlanDiffController } from './rest/plan-diff.controller.js';

/** Analyses: their API, their reads, and the AnalysisStore the pipeline writes them through (global, so the pipeline below can inject it). */
@Global()
@Module({
  imports: [PlansModule, TopologiesModule],
  controllers: [AnalysesController, PlanDiffController],
  providers: [AnalysesRepository, { provide: ANALYSIS_STORE, useExisting: AnalysesRepository }, AnalysesService, AnalysesResolver],
  exports: [ANALYSIS_STORE],
})
export class AnalysesModule {}
