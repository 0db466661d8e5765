import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ConfigModule } from './config/config.module.js';
import { depthLimitRule } from './common/graphql/depth-limit.rule.js';
import { ProblemExceptionFilter } from './common/errors/problem-exception.filter.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { AuthModule } from './auth/auth.module.js';
import { TopologiesModule } from './topologies/topologies.module.js';
import { PlansModule } from './plans/plans.module.js';
import { AnalysesModule } from './analyses/analyses.module.js';
import { EngineModule } from './engine/engine.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { PipelineModule } from './pipeline/pipeline.module.js';
import { PlanWorkerModule } from './jobs/plan-worker.module.js';
import { TopologyRefreshWorkerModule } from './jobs/refresh/topology-refresh-worker.module.js';
import { WebModule } from './web/web.module.js';
import { queryCostPlugin } from './common/graphql/query-cost.js';
import { graphqlErrorFormatter } from './common/graphql/graphql-error-format.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { jobsConfigOf, type AppConfig } from './config/app-config.js';
import { DEFAULT_PAGE_SIZE } from './common/pagination/cursor.js';

/** Deep enough for topology → nodes → edges → node → pods → requests, no deeper. */
const MAX_GRAPHQL_DEPTH = 10;
/** Fields × page sizes one operation may ask for: a page of 100 placements with 100 nodes each, not 5,000 × 5,000. */
const MAX_GRAPHQL_COST = 50_000;
/**
 * Tokens one GraphQL document may have. Validation walks every node of the
 * document once per rule (about 25 rules), so its cost grows with the
 * document: 20,000 tokens validate in tens of milliseconds, while a 900 KB
 * document of 20,000 aliases held the event loop for about 2 s. Dashboards'
 * queries have a few hundred; large inputs (cluster objects) belong in
 * variables, which are not tokens.
 */
const MAX_GRAPHQL_TOKENS = 20_000;

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        ObservabilityModule.forConfig(config, { role: jobsConfigOf(config).role, http: true }),
        DatabaseModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          // In memory unless asked to write the committed schema.gql (npm start does).
          autoSchemaFile: config.schemaFile ?? true,
          sortSchema: true,
          // Ends the written file with a newline, as committed, so `npm start` leaves a checkout clean.
          buildSchemaOptions: { addNewlineAtEnd: true },
          validationRules: [depthLimitRule(MAX_GRAPHQL_DEPTH)],
          parseOptions: { maxTokens: MAX_GRAPHQL_TOKENS },
          plugins: [queryCostPlugin({ maxCost: MAX_GRAPHQL_COST, defaultPageSize: DEFAULT_PAGE_SIZE })],
          includeStacktraceInErrorResponses: false,
          formatError: graphqlErrorFormatter(),
          // The request rides along so AuthGuard can authenticate resolvers; field resolvers are guarded, and their errors mapped, too.
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
          fieldResolverEnhancers: ['guards', 'filters'],
          playground: false,
        }),
        AuthModule,
        HealthModule,
        TopologiesModule,
        EngineModule,
        PipelineModule,
        PlansModule,
        AnalysesModule,
        JobsModule,
        PlanWorkerModule,
        TopologyRefreshWorkerModule,
        // Last: its routes are a fallback after every API route.
        WebModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemExceptionFilter }],
    };
  }
}
