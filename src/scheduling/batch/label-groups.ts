/**
 * Nodes grouped by their values for a set of label keys. The topology
 * plugins' per-node answers depend on a node only through those values, so
 * one evaluation per group serves every node in it (three zones: three
 * evaluations instead of 5,000), and a pod added to a node can change only
 * the groups sharing one of its (key, value) pairs.
 */
import type { NodeInfo } from '../model/node-info.js';
import type { DirtyGroups } from './dirty-groups.js';

/** Above this many groups, only the groups sharing a pair with the changed node are re-evaluated. */
const REEVALUATE_ALL_BELOW = 64;

export class LabelGroups {
  /** Group of each node (by position in the node list). */
  readonly groupOf: Int32Array;
  /** A node of each group, whose labels stand for the group's. */
  readonly representative: Int32Array;
  /** key → value → the groups with that pair. */
  private readonly groupsByPair = new Map<string, Map<string, number[]>>();
  /** Nodes of each group: members[memberStart[g] .. memberStart[g + 1]). */
  readonly members: Int32Array;
  readonly memberStart: Int32Array;

  constructor(
    nodes: readonly NodeInfo[],
    keys: readonly string[],
    /** The keys (of `keys`) whose tallies a placement can change. */
    private readonly changingKeys: readonly string[] = keys,
  ) {
    this.groupOf = new Int32Array(nodes.length);
    const bySignature = new Map<string, number>();
    const representatives: number[] = [];
    for (const key of keys) this.groupsByPair.set(key, new Map());
    for (let index = 0; index < nodes.length; index++) {
      const labels = nodes[index].labels;
      // One key (hostname rules): the value itself tells groups apart; "\u0002" never is a label value.
      let signature = '';
      if (keys.length === 1) signature = Object.hasOwn(labels, keys[0]) ? labels[keys[0]] : '\u0002';
      else for (const key of keys) signature += Object.hasOwn(labels, key) ? `\u0001${labels[key]}\u0000` : '\u0002';
      let group = bySignature.get(signature);
      if (group === undefined) {
        group = representatives.length;
        bySignature.set(signature, group);
        representatives.push(index);
        for (const key of keys) {
          if (!Object.hasOwn(labels, key)) continue;
          const byValue = this.groupsByPair.get(key)!;
          const groups = byValue.get(labels[key]);
          if (groups) groups.push(group);
          else byValue.set(labels[key], [group]);
        }
      }
      this.groupOf[index] = group;
    }
    this.representative = Int32Array.from(representatives);
    this.memberStart = new Int32Array(representatives.length + 1);
    for (let index = 0; index < nodes.length; index++) this.memberStart[this.groupOf[index] + 1]++;
    for (let group = 0; group < representatives.length; group++) this.memberStart[group + 1] += this.memberStart[group];
    this.members = new Int32Array(nodes.length);
    const next = this.memberStart.slice(0, representatives.length);
    for (let index = 0; index < nodes.length; index++) this.members[next[this.groupOf[index]]++] = index;
  }

  /** Few groups: each can be a score bucket's own dimension rather than a per-node attribute. */
  get few(): boolean {
    return this.size < REEVALUATE_ALL_BELOW;
  }

  get size(): number {
    return this.representative.length;
  }

  /** Marks every group a replica added to a node with `labels` may have changed: those sharing its value of a changing key. */
  markAffected(labels: NodeInfo['labels'], dirty: DirtyGroups): void {
    if (this.few) {
      dirty.markAll();
      return;
    }
    for (const key of this.changingKeys) {
      if (!Object.hasOwn(labels, key)) continue;
      for (const group of this.groupsByPair.get(key)!.get(labels[key]) ?? []) dirty.mark(group);
    }
  }
}
