/** Every TypeORM entity, registered as classes (see migrations/index.ts for why not globs). */
import { TopologyRevisionEntity } from '../topologies/persistence/topology-revision.entity.js';
import { TopologyEntity } from '../topologies/persistence/topology.entity.js';

export const ENTITIES = [TopologyEntity, TopologyRevisionEntity];
