/** Plain views of InterPodAffinity's PreFilter state, for whole-state equality in tests. */
import type { InterPodAffinityPreFilterState } from '../../../../src/scheduling/plugins/inter-pod-affinity/prefilter-state.js';
import type { TopologyPairCounts } from '../../../../src/scheduling/plugins/inter-pod-affinity/topology-pair-counts.js';

/** `key=value` → count, like upstream's topologyToMatchedTermCount literals. */
export function tally(counts: TopologyPairCounts): Record<string, number> {
  return Object.fromEntries([...counts.entries()].map(({ key, value, count }) => [`${key}=${value}`, count]));
}

/** `key=value` → sorted `pod@node#term` matches (their order depends on the order pods were seen). */
function matchesOf(counts: TopologyPairCounts): Record<string, string[]> {
  return Object.fromEntries(
    [...counts.entries()].map(({ key, value }) => [
      `${key}=${value}`,
      counts
        .matches(key, value)
        .map((match) => `${match.pod.key}@${match.nodeName}#${match.termIndex}`)
        .sort(),
    ]),
  );
}

export function snapshotOf(state: InterPodAffinityPreFilterState) {
  return {
    existingAntiAffinity: { counts: tally(state.existingAntiAffinityCounts), matches: matchesOf(state.existingAntiAffinityCounts) },
    affinity: { counts: tally(state.affinityCounts) },
    antiAffinity: { counts: tally(state.antiAffinityCounts), matches: matchesOf(state.antiAffinityCounts) },
  };
}
