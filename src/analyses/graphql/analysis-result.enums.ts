/** Closed sets of values in analysis results, typed as GraphQL enums (values as the REST results spell them). */
import { describedEnum } from '../../common/graphql/described-enum.js';

/** api-contract.md "suggestions": the change kinds of what-if/analysis-types.ts SuggestedChange. */
export enum SuggestionKind {
  tolerateTaint = 'tolerateTaint',
  dropAffinityTerm = 'dropAffinityTerm',
  dropSpreadConstraint = 'dropSpreadConstraint',
  lowerRequest = 'lowerRequest',
  removeSchedulingGates = 'removeSchedulingGates',
  waitForFirstConsumer = 'waitForFirstConsumer',
  allowTopology = 'allowTopology',
  addNode = 'addNode',
}
describedEnum(SuggestionKind, 'SuggestionKind', 'What a suggestion changes; the SuggestedChange fields of that kind are set', {
  tolerateTaint: 'add a toleration of taint',
  dropAffinityTerm: 'drop the required (anti-)affinity term or nodeSelector at path',
  dropSpreadConstraint: 'drop the DoNotSchedule topology spread constraint at path (topologyKey)',
  lowerRequest: 'lower the request of resource from `from` to `to`',
  removeSchedulingGates: 'lift the scheduling gates listed in gates',
  waitForFirstConsumer: 'make storageClass bind WaitForFirstConsumer instead of Immediate',
  allowTopology: "let storageClass's allowedTopologies also admit value for topologyKey",
  addNode: "add one empty node in zone, from nodeGroup's template or like an existing node",
});

/** Why a consolidation keeps a node: Cluster Autoscaler's blocking drain reasons (drainability.ts) and the search's own. */
export enum KeptBecause {
  NotReplicated = 'NotReplicated',
  UnmovableKubeSystemPod = 'UnmovableKubeSystemPod',
  NotSafeToEvictAnnotation = 'NotSafeToEvictAnnotation',
  LocalStorageRequested = 'LocalStorageRequested',
  NotEnoughPdb = 'NotEnoughPdb',
  FailedScheduling = 'FailedScheduling',
  KeepPerZone = 'KeepPerZone',
  NotTried = 'NotTried',
  Exchanged = 'Exchanged',
}
describedEnum(KeptBecause, 'KeptBecause', "Why a candidate node stays: a Cluster Autoscaler drain-blocking reason (drain.BlockingPodReason names), or the search's", {
  NotReplicated: 'a pod without a controller (rule replicated)',
  UnmovableKubeSystemPod: 'a kube-system pod no PodDisruptionBudget selects (rule system)',
  NotSafeToEvictAnnotation: 'a pod annotated cluster-autoscaler.kubernetes.io/safe-to-evict: "false"',
  LocalStorageRequested: 'a pod with hostPath or disk emptyDir volumes (rule localStorage)',
  NotEnoughPdb: "evicting its pods would exceed a PodDisruptionBudget's allowed disruptions",
  FailedScheduling: 'one of its pods has nowhere else to go (message is its FailedScheduling text)',
  KeepPerZone: 'keepPerZone nodes must stay in its zone',
  NotTried: 'the time or work budget ran out before the node was tried',
  Exchanged: 'the search kept it to remove others that save more',
});

/** A search that returned its best answer early, and what ended it. */
export enum SearchStoppedBy {
  time = 'time',
  work = 'work',
}
describedEnum(SearchStoppedBy, 'SearchStoppedBy', 'What ended a search before it had tried everything (it returns the best answer found so far)', {
  time: 'the request\'s timeBudgetMs ran out',
  work: "the analysis's scheduling work budget ran out",
});
