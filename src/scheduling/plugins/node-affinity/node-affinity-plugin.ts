/**
 * NodeAffinity, as upstream plugins/nodeaffinity/node_affinity.go: Filter
 * enforces the scheduler's added affinity and the pod's nodeSelector plus
 * required node affinity (PreFilter narrows to named nodes when the terms pin
 * `metadata.name`); Score sums the weights of matching preferred terms (the
 * pod's and the added ones), normalised against the best node.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { CycleState } from '../../framework/cycle-state.js';
import {
  MAX_NODE_SCORE,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Code, Status } from '../../framework/status.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { specPartKey } from '../helper/spec-part-key.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import type { AddedAffinity } from './node-affinity-args.js';
import { PreferredSchedulingTerms } from './node-selector.js';
import { nodeNamesFromTerms } from './prefilter-node-names.js';
import { ErrReasonConflict, ErrReasonEnforced, ErrReasonPod } from './reasons.js';
import { RequiredNodeAffinity } from './required-node-affinity.js';
import { aggregateMessage } from './selector-field-error.js';

const PRE_FILTER_STATE_KEY = `PreFilter${PluginNames.NodeAffinity}`;
const PRE_SCORE_STATE_KEY = `PreScore${PluginNames.NodeAffinity}`;

interface PreScoreState {
  /** undefined: the pod has no preferred node affinity. */
  readonly preferred?: PreferredSchedulingTerms;
}

/** Upstream getPodPreferredNodeAffinity: parse errors become an Error status. */
function podPreferredTerms(pod: V1Pod): { preferred?: PreferredSchedulingTerms; error?: string } {
  const terms = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (terms === undefined || terms === null) return {};
  const compiled = PreferredSchedulingTerms.compile(terms);
  if (compiled.errors.length > 0) return { error: aggregateMessage(compiled.errors) };
  return { preferred: compiled.terms };
}

export class NodeAffinityPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = PluginNames.NodeAffinity;
  readonly nodeLocal = true;
  readonly staticScore = true;

  constructor(private readonly added: AddedAffinity) {}

  preFilter(state: CycleState, pod: PodInfo): PreFilterResult {
    const spec = pod.pod.spec;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const noNodeAffinity = required === undefined || required === null;
    // Upstream distinguishes a nil nodeSelector from an empty one; JSON `{}` is the latter.
    if (noNodeAffinity && this.added.required === undefined && (spec?.nodeSelector === undefined || spec?.nodeSelector === null)) {
      return { status: Status.skip() };
    }
    state.write(PRE_FILTER_STATE_KEY, RequiredNodeAffinity.of(pod.pod));
    if (noNodeAffinity) return { status: null };
    const restriction = nodeNamesFromTerms(required.nodeSelectorTerms ?? []);
    if (restriction.kind === 'any') return { status: null };
    if (restriction.names.size === 0) {
      return { status: Status.unresolvable(ErrReasonConflict, { source: 'nodeAffinity', conflictingField: 'metadata.name' }) };
    }
    return { status: null, nodeNames: restriction.names };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const added = this.added.required;
    if (added !== undefined && !added.matches(node)) {
      return Status.rejectedWithLazyDetails(Code.UnschedulableAndUnresolvable, ErrReasonEnforced, () => [{ source: 'addedAffinity', terms: added.unmatchedTerms(node) }]);
    }
    // Without PreFilter (e.g. disabled there), compute it here, as upstream's fallback.
    const required = state.readOptional<RequiredNodeAffinity>(PRE_FILTER_STATE_KEY) ?? RequiredNodeAffinity.of(pod.pod);
    if (required.matches(node)) return null;
    // Which selector key or term the node fails is worked out only when an explanation asks.
    return Status.rejectedWithLazyDetails(Code.UnschedulableAndUnresolvable, ErrReasonPod, () => [{ ...required.mismatch(node) }]);
  }

  /** Reads the node's labels and name, the pod's nodeSelector and required node affinity (and the plugin's added affinity). */
  staticFilterKey(pod: PodInfo): string {
    const spec = pod.pod.spec;
    return `${specPartKey(spec?.nodeSelector)}\u0000${specPartKey(spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution)}`;
  }

  /** Reads the node's labels and name and the pod's preferred node affinity (and the plugin's added preferences). */
  staticScoreKey(pod: PodInfo): string {
    return specPartKey(pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    const { preferred, error } = podPreferredTerms(pod.pod);
    if (error !== undefined) return Status.error(error);
    if (preferred === undefined && this.added.preferred === undefined) return Status.skip();
    state.write<PreScoreState>(PRE_SCORE_STATE_KEY, { preferred });
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    let count = this.added.preferred?.score(node) ?? 0;
    const prepared = state.readOptional<PreScoreState>(PRE_SCORE_STATE_KEY);
    // Without PreScore, compute the pod's terms here, as upstream's fallback.
    const preferred = prepared ? prepared.preferred : podPreferredTerms(pod.pod).preferred;
    if (preferred) count += preferred.score(node);
    return count;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: Float64Array): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }
}
