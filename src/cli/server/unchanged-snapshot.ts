/**
 * Whether a cluster read would store nothing new: its objects, imported here
 * exactly as the server imports them (src/kube/cluster-import.ts), equal the
 * stored objects of the topology's latest revision. A nightly
 * `podplan topology import --kubeconfig` then adds a revision only when
 * something scheduling reads changed.
 */
import { isDeepStrictEqual } from 'node:util';
import { importCluster } from '../../kube/cluster-import.js';
import type { ServerClient } from './server-client.js';

/** The latest revision's number when it already holds exactly these objects; undefined otherwise. */
export async function unchangedRevision(client: ServerClient, topologyId: string, documents: unknown[]): Promise<number | undefined> {
  let imported;
  try {
    imported = importCluster(documents, { basePath: 'objects', requireNodes: true });
  } catch {
    // Invalid objects: the server's answer names them.
    return undefined;
  }
  const stored = await client.get<{ revision: number; objects?: unknown }>(`/v1/topologies/${topologyId}`, { include: 'objects' });
  // Through JSON as the server stores it: undefined fields drop out, key order does not count.
  return isDeepStrictEqual(JSON.parse(JSON.stringify(imported.objects)), stored.objects) ? stored.revision : undefined;
}
