/**
 * Decisions for pods no scheduling cycle placed without evaluating nodes.
 *
 * gatedDecision: a pod a PreEnqueue plugin keeps out of the scheduling
 * queue (upstream scheduling_queue.go: the pod waits among the unschedulable
 * pods, flagged gated, and no scheduling cycle runs for it). Nothing is
 * evaluated, so there are no candidates, rejections or PostFilter; the
 * message is the one a person sees on the pod: the PodScheduled condition
 * the API server set at creation for a gated pod.
 */
import type { Status } from '../framework/status.js';
import type { PodInfo } from '../model/pod-info.js';
import { PluginNames } from '../framework/names.js';
import { SCHEDULING_GATED_MESSAGE } from '../plugins/scheduling-gates/scheduling-gates-plugin.js';
import type { ExplainLevel, PodDecision } from './decision.js';

export function gatedDecision(pod: PodInfo, status: Status, totalNodes: number, explain: ExplainLevel): PodDecision {
  return {
    podKey: pod.key,
    node: null,
    score: null,
    totalNodes,
    evaluatedNodes: 0,
    feasibleNodes: 0,
    failureMessage: status.plugin === PluginNames.SchedulingGates ? SCHEDULING_GATED_MESSAGE : status.message,
    preEnqueueRejection: {
      plugin: status.plugin,
      reason: status.message,
      code: status.code,
      ...(status.details.length > 0 ? { details: status.details } : {}),
    },
    candidates: [],
    rejections: [],
    ...(explain === 'full' ? { nodes: [] } : {}),
  };
}

/**
 * A pod whose scheduling cycle ended in a plugin Error (upstream
 * schedulingCycle: the error becomes the status, handleSchedulingFailure
 * writes its message as the FailedScheduling event, e.g. `running PreScore
 * plugin "NodeAffinity": …` for a preferred term the API server admitted but
 * the scheduler cannot parse). The pod is left pending; later pods go on.
 */
export function schedulerErrorDecision(pod: PodInfo, message: string, totalNodes: number, explain: ExplainLevel): PodDecision {
  return {
    podKey: pod.key,
    node: null,
    score: null,
    totalNodes,
    evaluatedNodes: 0,
    feasibleNodes: 0,
    failureMessage: message,
    candidates: [],
    rejections: [],
    ...(explain === 'full' ? { nodes: [] } : {}),
  };
}
