/**
 * The RequestPipeline of the process, available everywhere. Its stores and
 * queue are ports provided by the rooms above it (PLAN_STORE by src/plans,
 * ANALYSIS_STORE by src/analyses, PLAN_ENQUEUER by src/jobs); a process
 * without one (the worker runs no analyses) gets a pipeline that refuses
 * the requests needing it.
 */
import { Global, Logger, Module } from '@nestjs/common';
import { jobsConfigOf, type AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { ENGINE_RUNNER, type EngineRunner } from '../engine/engine-runner.js';
import { EngineRunTelemetry } from '../observability/engine-run-telemetry.js';
import { PlanningMetrics } from '../observability/metrics/planning-metrics.js';
import { TopologiesModule } from '../topologies/topologies.module.js';
import { TopologiesService } from '../topologies/topologies.service.js';
import { ANALYSIS_STORE, type AnalysisStore } from './analysis-store.js';
import { CLUSTER_SOURCES, TopologyClusterSources, type ClusterSources } from './cluster-sources.js';
import { PLAN_ENQUEUER, type PlanEnqueuer } from './plan-enqueuer.js';
import { PLAN_STORE, type PlanStore } from './plan-store.js';
import { ObservedEngineRunner } from './observed-engine-runner.js';
import { RequestPipeline } from './request-pipeline.js';

@Global()
@Module({
  imports: [TopologiesModule],
  providers: [
    TopologyClusterSources,
    { provide: CLUSTER_SOURCES, useExisting: TopologyClusterSources },
    {
      provide: RequestPipeline,
      inject: [
        ENGINE_RUNNER,
        CLUSTER_SOURCES,
        APP_CONFIG,
        TopologiesService,
        EngineRunTelemetry,
        PlanningMetrics,
        { token: PLAN_STORE, optional: true },
        { token: ANALYSIS_STORE, optional: true },
        { token: PLAN_ENQUEUER, optional: true },
      ],
      useFactory: (
        engine: EngineRunner,
        sources: ClusterSources,
        config: AppConfig,
        topologies: TopologiesService,
        telemetry: EngineRunTelemetry,
        metrics: PlanningMetrics,
        plans: PlanStore | undefined,
        analyses: AnalysisStore | undefined,
        queue: PlanEnqueuer | undefined,
      ): RequestPipeline => {
        const jobs = jobsConfigOf(config);
        const pipeline = new RequestPipeline({
          // Every engine run of the process goes through the pipeline, so it is traced and counted here.
          engine: new ObservedEngineRunner(engine, telemetry),
          sources,
          settings: { limits: config.limits, planAsyncThreshold: jobs.planAsyncThreshold, simulationThreadThreshold: jobs.simulationThreadThreshold },
          plans,
          analyses,
          queue,
          logger: new Logger('Pipeline'),
          metrics,
        });
        topologies.onRevisionSaved((team, view) => pipeline.indexAhead(team, { topologyId: view.id, revision: view.revision, nodes: view.summary.nodes, pods: view.summary.pods }));
        return pipeline;
      },
    },
  ],
  exports: [RequestPipeline, CLUSTER_SOURCES],
})
export class PipelineModule {}
