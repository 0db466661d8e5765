/**
 * Score plugins of the default profile that gave a replica no score, and
 * why. Each one's PreScore returns Skip for some pods (upstream's PreScore of
 * each plugin), and a skipped plugin scores no node at all — which reads like
 * a bug without the reason. A plugin scores every feasible node or none, so
 * any scored nodes (a summary's best candidates or a full table) tell.
 */
import type { PluginScore } from '../scheduling/framework/framework.js';

export interface UnscoredPlugin {
  readonly plugin: string;
  /** When its PreScore skips, e.g. "the pod has no preferred node affinity". */
  readonly reason: string;
}

const SKIPPING_SCORE_PLUGINS: readonly UnscoredPlugin[] = [
  // interpodaffinity/scoring.go PreScore: Skip when the pod has no preferred terms and no existing pod has any.
  { plugin: 'InterPodAffinity', reason: 'neither this pod nor any pod in the cluster has preferred (anti-)affinity terms' },
  // nodeaffinity/node_affinity.go PreScore: Skip without preferred terms (and no added preferred affinity).
  { plugin: 'NodeAffinity', reason: 'the pod has no preferred node affinity' },
  // podtopologyspread/scoring.go PreScore: Skip when no ScheduleAnyway constraint applies.
  {
    plugin: 'PodTopologySpread',
    reason: "the pod's spread constraints are all DoNotSchedule (they filter, they do not score), or it has none and no default constraint applies",
  },
];

/** The skipping plugins none of the scored nodes has a score from; empty when no node was scored. */
export function unscoredPlugins(scoredNodes: readonly { readonly scores?: Readonly<Record<string, PluginScore>> }[]): UnscoredPlugin[] {
  const scored = scoredNodes.filter((node) => node.scores !== undefined);
  if (scored.length === 0) return [];
  return SKIPPING_SCORE_PLUGINS.filter(({ plugin }) => scored.every((node) => node.scores![plugin] === undefined));
}
