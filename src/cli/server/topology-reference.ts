/**
 * `--topology prod` or `--topology <uuid>`: people name topologies, the API
 * addresses them by id. Names are not unique server-side, so a name that
 * matches several topologies is refused with their ids rather than guessed.
 */
import { badInput } from '../cli-error.js';
import type { ServerClient } from './server-client.js';

export interface TopologyListItem {
  readonly id: string;
  readonly name: string;
  readonly revision: number;
  readonly summary: {
    readonly nodes: number;
    readonly pods: number;
    readonly pendingPods: number;
    readonly ignoredPods: number;
    readonly namespaces: number;
    readonly zones: readonly string[];
  };
}

/** The API's largest page (MAX_PAGE_SIZE), so long lists take few requests. */
const PAGE_SIZE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listAllTopologies(client: ServerClient): Promise<TopologyListItem[]> {
  const items: TopologyListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.answer(client.api.GET('/v1/topologies', { params: { query: { limit: PAGE_SIZE, cursor } } }));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

/** Topologies called `name`, oldest first. */
export async function topologiesNamed(client: ServerClient, name: string): Promise<TopologyListItem[]> {
  return (await listAllTopologies(client)).filter((topology) => topology.name === name);
}

/** The id `reference` stands for: itself when it is a topology's id, else the one topology of that name. */
export async function resolveTopologyId(client: ServerClient, reference: string): Promise<string> {
  const named = await topologiesNamed(client, reference);
  if (named.length === 1) return named[0].id;
  if (named.length > 1) {
    throw badInput(`--topology ${reference}: ${named.length} topologies have this name (${named.map((topology) => topology.id).join(', ')}); give an id`);
  }
  if (UUID.test(reference)) return reference;
  throw badInput(`--topology ${reference}: no topology has this name or id (podplan topology list shows them)`);
}
