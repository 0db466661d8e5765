import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { AnalysesService } from './analyses.service.js';
import { AnalysesResolver } from './graphql/analyses.resolver.js';
import { AnalysesRepository } from './persistence/analyses.repository.js';
import { AnalysesController } from './rest/analyses.controller.js';
import { PlanDiffController } from './rest/plan-diff.controller.js';

@Module({
  imports: [PlansModule],
  controllers: [AnalysesController, PlanDiffController],
  providers: [AnalysesRepository, AnalysesService, AnalysesResolver],
})
export class AnalysesModule {}
