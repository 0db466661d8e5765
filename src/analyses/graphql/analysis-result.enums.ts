/** Closed sets of values in analysis results, typed as GraphQL enums (values as the REST results spell them). */
import { registerEnumType } from '@nestjs/graphql';

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
registerEnumType(SuggestionKind, {
  name: 'SuggestionKind',
  description: 'What a suggestion changes; the SuggestedChange fields of that kind are set',
  valuesMap: {
    tolerateTaint: { description: 'add a toleration of taint' },
    dropAffinityTerm: { description: 'drop the required (anti-)affinity term or nodeSelector at path' },
    dropSpreadConstraint: { description: 'drop the DoNotSchedule topology spread constraint at path (topologyKey)' },
    lowerRequest: { description: 'lower the request of resource from `from` to `to`' },
    removeSchedulingGates: { description: 'lift the scheduling gates listed in gates' },
    waitForFirstConsumer: { description: 'make storageClass bind WaitForFirstConsumer instead of Immediate' },
    allowTopology: { description: "let storageClass's allowedTopologies also admit value for topologyKey" },
    addNode: { description: "add one empty node in zone, from nodeGroup's template or like an existing node" },
  },
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
registerEnumType(KeptBecause, {
  name: 'KeptBecause',
  description: "Why a candidate node stays: a Cluster Autoscaler drain-blocking reason (drain.BlockingPodReason names), or the search's",
  valuesMap: {
    NotReplicated: { description: 'a pod without a controller (rule replicated)' },
    UnmovableKubeSystemPod: { description: 'a kube-system pod no PodDisruptionBudget selects (rule system)' },
    NotSafeToEvictAnnotation: { description: 'a pod annotated cluster-autoscaler.kubernetes.io/safe-to-evict: "false"' },
    LocalStorageRequested: { description: 'a pod with hostPath or disk emptyDir volumes (rule localStorage)' },
    NotEnoughPdb: { description: "evicting its pods would exceed a PodDisruptionBudget's allowed disruptions" },
    FailedScheduling: { description: 'one of its pods has nowhere else to go (message is its FailedScheduling text)' },
    KeepPerZone: { description: 'keepPerZone nodes must stay in its zone' },
    NotTried: { description: 'the time or work budget ran out before the node was tried' },
    Exchanged: { description: 'the search kept it to remove others that save more' },
  },
});

/** A search that returned its best answer early, and what ended it. */
export enum SearchStoppedBy {
  time = 'time',
  work = 'work',
}
registerEnumType(SearchStoppedBy, {
  name: 'SearchStoppedBy',
  description: 'What ended a search before it had tried everything (it returns the best answer found so far)',
  valuesMap: {
    time: { description: 'the request\'s timeBudgetMs ran out' },
    work: { description: "the analysis's scheduling work budget ran out" },
  },
});
