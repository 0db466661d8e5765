/**
 * ImageLocality, as upstream plugins/imagelocality/image_locality.go:
 * favours nodes that already hold the pod's images (init containers
 * included). Each present image scores its size scaled by the share of the
 * cluster's nodes that hold it (spreading the "node heating" effect); the sum
 * is clamped to [23 MiB, 1000 MiB × containers] and mapped onto 0–100.
 *
 * Upstream reads the image → node count from the scheduler cache; we compute
 * it in PreScore over the whole cluster, for the pod's images only.
 */
import type { CycleState } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import type { Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { normalizedImageName } from './normalized-image-name.js';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

const PRE_SCORE_STATE_KEY = `PreScore${PluginNames.ImageLocality}`;

/** One container's image, with how widely it has spread. */
interface ContainerImage {
  readonly name: string;
  /** Nodes of the cluster listing this exact name in status.images (ImageStateSummary.NumNodes). */
  readonly numNodes: number;
}

interface ImageLocalityState {
  /** Init containers then containers, in spec order; a repeated image counts once per container, as upstream. */
  readonly images: readonly ContainerImage[];
  readonly totalNumNodes: number;
}

/** Upstream calculatePriority: the clamped sum mapped linearly onto [0, 100] with int64 division. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  // Operands stay below 2^53: 100 × 1000 MiB × containers for any real pod.
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** Upstream scaledImageScore: int64(float64(size) × numNodes/totalNumNodes). */
function scaledImageScore(sizeBytes: number, numNodes: number, totalNumNodes: number): number {
  const spread = numNodes / totalNumNodes;
  return Math.trunc(sizeBytes * spread);
}

function podImageNames(pod: PodInfo): string[] {
  const spec = pod.pod.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((container) => normalizedImageName(container.image ?? ''));
}

/** The pod's images with the number of the cluster's nodes holding each. */
function imageLocalityState(pod: PodInfo, cluster: ClusterState): ImageLocalityState {
  const numNodesByImage = new Map<string, number>();
  const images = podImageNames(pod).map((name) => {
    let numNodes = numNodesByImage.get(name);
    if (numNodes === undefined) {
      numNodes = cluster.nodes.filter((node) => node.images.has(name)).length;
      numNodesByImage.set(name, numNodes);
    }
    return { name, numNodes };
  });
  return { images, totalNumNodes: cluster.nodes.length };
}

export class ImageLocality implements PreScorePlugin, ScorePlugin {
  readonly name = PluginNames.ImageLocality;
  // Node-local within a plan: the image spread it reads is over the node set, which a plan never changes.
  readonly nodeLocal = true;
  readonly staticScore = true;

  /**
   * The image spread is worked out on the first Score, not here: when every
   * node's raw score is already known for the pod's images
   * (node-static-results.ts), Score never runs and the scan over every node
   * is saved.
   */
  preScore(state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[], cluster: ClusterState): Status | null {
    let computed: ImageLocalityState | undefined;
    state.write<() => ImageLocalityState>(PRE_SCORE_STATE_KEY, () => (computed ??= imageLocalityState(pod, cluster)));
    return null;
  }

  /** Reads the node's images, the image spread over the plan's node set, and the pod's image names. */
  staticScoreKey(pod: PodInfo): string {
    return podImageNames(pod).join('\u0000');
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const { images, totalNumNodes } = state.read<() => ImageLocalityState>(PRE_SCORE_STATE_KEY)();
    let sum = 0;
    for (const image of images) {
      const size = node.images.get(image.name);
      if (size !== undefined) sum += scaledImageScore(size, image.numNodes, totalNumNodes);
    }
    return calculatePriority(sum, images.length);
  }
}
