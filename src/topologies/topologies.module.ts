import { Module } from '@nestjs/common';
import { TopologiesResolver } from './graphql/topologies.resolver.js';
import { TopologiesRepository } from './persistence/topologies.repository.js';
import { TopologiesController } from './rest/topologies.controller.js';
import { RevisionObjectsReader } from './revision-objects.reader.js';
import { TopologiesService } from './topologies.service.js';

@Module({
  controllers: [TopologiesController],
  providers: [TopologiesRepository, TopologiesService, RevisionObjectsReader, TopologiesResolver],
  exports: [TopologiesService, RevisionObjectsReader],
})
export class TopologiesModule {}
