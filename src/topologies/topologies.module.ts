import { totalCountResolverOf } from './graphql/total-count.resolver.js';
import { TopologyConnectionModel } from './graphql/topology.model.js';
import { Module } from '@nestjs/common';
import { TopologiesResolver } from './graphql/topologies.resolver.js';
import { TopologySourcesResolver } from './graphql/topology-sources.resolver.js';
import { TopologiesRepository } from './persistence/topologies.repository.js';
import { TopologySourcesRepository } from './persistence/topology-sources.repository.js';
import { TopologiesController } from './rest/topologies.controller.js';
import { TopologySourcesController } from './rest/topology-sources.controller.js';
import { RevisionObjectsReader } from './revision-objects.reader.js';
import { TopologyRefreshService } from './sources/topology-refresh.service.js';
import { TopologySourcesService } from './sources/topology-sources.service.js';
import { TopologiesService } from './topologies.service.js';
import { DocumentParserModule } from '../common/parsing/document-parser.module.js';

@Module({
  imports: [DocumentParserModule],
  controllers: [TopologiesController, TopologySourcesController],
  providers: [
    TopologiesRepository,
    TopologiesService,
    RevisionObjectsReader,
    TopologiesResolver,
    totalCountResolverOf(TopologyConnectionModel),
    TopologySourcesRepository,
    TopologySourcesService,
    TopologyRefreshService,
    TopologySourcesResolver,
  ],
  exports: [TopologiesService, RevisionObjectsReader, TopologyRefreshService, TopologySourcesRepository],
})
export class TopologiesModule {}
