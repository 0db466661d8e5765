import { Module } from '@nestjs/common';
import { TopologiesModule } from '../../topologies/topologies.module.js';
import { TopologyRefreshWorker } from './topology-refresh-worker.js';

/** The refresh-job consumer and scheduler; idle in `serve` processes (see TopologyRefreshWorker). */
@Module({ imports: [TopologiesModule], providers: [TopologyRefreshWorker], exports: [TopologyRefreshWorker] })
export class TopologyRefreshWorkerModule {}
