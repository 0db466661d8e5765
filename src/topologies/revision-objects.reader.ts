/**
 * A saved revision's objects as JSON text, for engine threads to parse.
 * TopologiesService returns them parsed, which for a 5,000-node / 50,000-pod
 * revision holds the event loop for a quarter of a second; the text costs the
 * loop only the copy. Ownership and existence are checked through
 * TopologiesService first, so this reads nothing a caller may not see.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error.js';
import { TopologiesService } from './topologies.service.js';

@Injectable()
export class RevisionObjectsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly topologies: TopologiesService,
  ) {}

  async read(team: string, topologyId: string, revision: number): Promise<string> {
    await this.topologies.get(team, topologyId, revision);
    const rows = (await this.dataSource.query('SELECT objects::text AS objects FROM topology_revisions WHERE topology_id = $1 AND revision = $2', [
      topologyId,
      revision,
    ])) as { objects: string }[];
    if (rows.length === 0) throw new NotFoundError(`Revision ${revision} of topology`, topologyId);
    return rows[0].objects;
  }
}
