/**
 * Which NodeVolumeLimits node states each catalog step makes stale: a
 * replica's Reserve changes a claim or two and maybe PVs, and only the nodes
 * whose pods read those (a claim two pods share, a PV bound at last) count
 * differently afterwards. Also which nodes attach a volume already, so a
 * pod's Filter looks at the node's attached set only there.
 */
import type { CatalogVersion, Lineage } from '../../model/storage-catalog.js';
import type { NodeVolumeState, StateRegistry } from './node-volume-state.js';

/**
 * For one catalog lineage (storage-catalog.ts): the node states that read each claim key and PV
 * name, and how much of the lineage's log has been applied to them. Applying
 * a step marks the states that read a key it changed as invalid from that
 * revision on, so checking a node is comparing two numbers, not looking up
 * what changed.
 */
export class LineageReaders implements StateRegistry {
  private readonly readers = new Map<string, NodeVolumeState[]>();
  /** The states registered with each attached volume (unique name); a state may since have dropped it. */
  private readonly attachers = new Map<string, NodeVolumeState[]>();
  /** How many registrations so far: a state registered before a pod's PreFilter is in its `attachingNodes`. */
  registrations = 0;

  private constructor(
    private readonly lineage: Lineage,
    private applied: number,
  ) {}

  /** The readers of the catalog's lineage, with the log applied up to its revision (once per pod, in PreFilter). */
  static of(version: CatalogVersion | undefined): LineageReaders | undefined {
    if (version === undefined) return undefined;
    let readers = readersByLineage.get(version.lineage);
    if (readers === undefined) readersByLineage.set(version.lineage, (readers = new LineageReaders(version.lineage, version.revision)));
    readers.applyUpTo(version.revision);
    return readers;
  }

  private applyUpTo(revision: number): void {
    const log = this.lineage.log;
    for (; this.applied < revision; this.applied++) {
      for (const key of log[this.applied]!) for (const state of this.readers.get(key) ?? []) this.invalidate(state, this.applied);
    }
  }

  /** Step `step` (revision step → step+1) changed something the state read. */
  private invalidate(state: NodeVolumeState, step: number): void {
    if (state.lineage === this.lineage && state.fromRevision <= step && state.invalidatedAt > step + 1) state.invalidatedAt = step + 1;
  }

  /** The state holds from `revision` on, until a step changes one of its reads. */
  register(state: NodeVolumeState, revision: number): void {
    state.lineage = this.lineage;
    state.fromRevision = revision;
    state.invalidatedAt = Number.POSITIVE_INFINITY;
    state.registration = this.registrations++;
    for (const key of state.reads) append(this.readers, key, state);
    for (const name of state.attached.keys()) append(this.attachers, name, state);
    // A fork behind the newest revision: the steps already applied still concern it.
    const log = this.lineage.log;
    for (let step = revision; step < this.applied && state.invalidatedAt === Number.POSITIVE_INFINITY; step++) {
      for (const key of log[step]!) if (state.reads.has(key)) this.invalidate(state, step);
    }
  }

  /**
   * The registered states that attach one of `names` now: for a pod's new
   * volumes, the nodes where one is attached already. Any other node
   * registered before this call attaches none of them, so Filter need not
   * look (NodeVolumeState.registration says which nodes those are).
   */
  attachingNodes(names: readonly string[]): ReadonlySet<NodeVolumeState> {
    const found = new Set<NodeVolumeState>();
    for (const name of names) for (const state of this.attachers.get(name) ?? []) if (state.attached.has(name)) found.add(state);
    return found;
  }
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

const readersByLineage = new WeakMap<Lineage, LineageReaders>();
