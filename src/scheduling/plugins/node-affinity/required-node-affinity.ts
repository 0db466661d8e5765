/**
 * A pod's hard node constraints — spec.nodeSelector and
 * requiredDuringSchedulingIgnoredDuringExecution — as upstream
 * component-helpers nodeaffinity GetRequiredNodeAffinity / Match. Shared with
 * PodTopologySpread (which only counts nodes the pod could land on).
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { Labels } from '../../../kube/label-selector.js';
import { NodeSelector, type UnmatchedTerm } from './node-selector.js';
import type { SelectableNode } from './node-selector-term.js';

/** Why a node fails a pod's required node affinity, for explanations. */
export type RequiredNodeAffinityMismatch =
  | { readonly source: 'nodeSelector'; readonly key: string; readonly wanted: string; readonly actual: string | null }
  | { readonly source: 'nodeAffinity'; readonly terms: readonly UnmatchedTerm[] };

export class RequiredNodeAffinity {
  private constructor(
    /** spec.nodeSelector as exact label matches; undefined when empty. */
    private readonly nodeSelector: Labels | undefined,
    /** Parse errors are ignored here (upstream keeps them lazy and the Filter drops them). */
    private readonly affinity: NodeSelector | undefined,
  ) {}

  static of(pod: V1Pod): RequiredNodeAffinity {
    const nodeSelector = pod.spec?.nodeSelector;
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    return new RequiredNodeAffinity(
      nodeSelector && Object.keys(nodeSelector).length > 0 ? nodeSelector : undefined,
      required ? NodeSelector.compile(required) : undefined,
    );
  }

  /** No nodeSelector and no required node affinity: every node matches. */
  get admitsEveryNode(): boolean {
    return this.nodeSelector === undefined && this.affinity === undefined;
  }

  matches(node: SelectableNode): boolean {
    if (this.nodeSelector) {
      for (const key in this.nodeSelector) {
        if (!Object.prototype.hasOwnProperty.call(node.labels, key) || node.labels[key] !== this.nodeSelector[key]) return false;
      }
    }
    return this.affinity ? this.affinity.matches(node) : true;
  }

  /** Undefined when the node matches; otherwise what failed first, in Match's order. */
  mismatch(node: SelectableNode): RequiredNodeAffinityMismatch | undefined {
    if (this.nodeSelector) {
      for (const [key, wanted] of Object.entries(this.nodeSelector)) {
        const has = Object.prototype.hasOwnProperty.call(node.labels, key);
        if (!has || node.labels[key] !== wanted) {
          return { source: 'nodeSelector', key, wanted, actual: has ? node.labels[key] : null };
        }
      }
    }
    if (this.affinity && !this.affinity.matches(node)) return { source: 'nodeAffinity', terms: this.affinity.unmatchedTerms(node) };
    return undefined;
  }
}

/** One-off check; compile with RequiredNodeAffinity.of once per pod when checking many nodes. */
export function matchesRequiredNodeAffinity(pod: V1Pod, node: SelectableNode): boolean {
  return RequiredNodeAffinity.of(pod).matches(node);
}
