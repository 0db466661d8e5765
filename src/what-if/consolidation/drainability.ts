/**
 * May this pod be evicted when its node is drained? Cluster Autoscaler's
 * drainability rules (cluster-autoscaler/simulator/drainability/rules/rules.go
 * Default), in their order, first decisive rule wins:
 *
 *   mirror          static pod's mirror: goes with its node          (skip)
 *   longterminating deleted longer than its grace period + 30 s      (skip)
 *   daemonset       DaemonSet pod: goes with its node, not re-placed (daemonSet)
 *   safetoevict     safe-to-evict "true": evicted, nothing else asked (drain)
 *   terminal        Succeeded/Failed for good                        (drain)
 *   replicated      no controller                                    (block NotReplicated)
 *   system          kube-system pod no PDB matches                   (block UnmovableKubeSystemPod)
 *   notsafetoevict  safe-to-evict "false"                            (block NotSafeToEvictAnnotation)
 *   localstorage    hostPath / disk emptyDir not listed as safe      (block LocalStorageRequested)
 *   pdb             a matching PDB has no disruption left            (block NotEnoughPdb)
 *
 * The blocking rules can each be switched off (`DrainRules`), as CA's
 * --skip-nodes-with-system-pods and --skip-nodes-with-local-storage switch
 * two of them. CA's customcontroller rule is off by default there and not
 * modelled here.
 */
import type { V1OwnerReference, V1Pod } from '@kubernetes/client-node';
import {
  DAEMONSET_POD_ANNOTATION,
  MIRROR_POD_ANNOTATION,
  SAFE_TO_EVICT_ANNOTATION,
  SAFE_TO_EVICT_LOCAL_VOLUMES_ANNOTATION,
} from '../../kube/drain-annotations.js';

/** The blocking rules a request may switch off; all on by default, as CA's defaults have them. */
export interface DrainRules {
  readonly replicated: boolean;
  readonly system: boolean;
  readonly notSafeToEvict: boolean;
  readonly localStorage: boolean;
  readonly pdb: boolean;
}

export const DEFAULT_DRAIN_RULES: DrainRules = { replicated: true, system: true, notSafeToEvict: true, localStorage: true, pdb: true };

/** CA's rule package names, reported with every decision. */
export type DrainRuleName =
  | 'mirror'
  | 'longterminating'
  | 'daemonset'
  | 'safetoevict'
  | 'terminal'
  | 'replicated'
  | 'system'
  | 'notsafetoevict'
  | 'localstorage'
  | 'pdb';

/** CA's drain.BlockingPodReason names. */
export type BlockingReason = 'NotReplicated' | 'UnmovableKubeSystemPod' | 'NotSafeToEvictAnnotation' | 'LocalStorageRequested' | 'NotEnoughPdb';

export type Drainability =
  /** Evicted and placed again by the scheduler. */
  | { readonly outcome: 'drain'; readonly rule?: DrainRuleName }
  /** Goes with its node (mirror, long terminating): neither evicted nor placed again. */
  | { readonly outcome: 'skip'; readonly rule: DrainRuleName }
  /** Evicted with its node but not placed again: its DaemonSet runs it on the nodes that stay. */
  | { readonly outcome: 'daemonSet'; readonly rule: 'daemonset' }
  /** Keeps its node. `message` is CA's own text. */
  | { readonly outcome: 'block'; readonly rule: DrainRuleName; readonly reason: BlockingReason; readonly message: string };

/** What the rules consult besides the pod. */
export interface DrainContext {
  readonly rules: DrainRules;
  /** Wall clock, epoch milliseconds: when a deleted pod counts as long terminating. */
  readonly now: number;
  /** PDBs whose selector matches the pod, each with the disruptions it still allows. */
  readonly matchingBudgets: (pod: V1Pod) => readonly { readonly disruptionsAllowed: number }[];
}

/** drain.PodLongTerminatingExtraThreshold. */
const LONG_TERMINATING_EXTRA_MS = 30_000;
/** apiv1.DefaultTerminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

/** metav1.GetControllerOf: the owner reference marked controller. */
export function controllerOf(pod: V1Pod): V1OwnerReference | undefined {
  return pod.metadata?.ownerReferences?.find((reference) => reference.controller === true);
}

/** pod_util.IsMirrorPod; kubelet also makes its Node the mirror pod's controller, which stripped captures still show. */
export function isMirrorPod(pod: V1Pod): boolean {
  return pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined || controllerOf(pod)?.kind === 'Node';
}

/** pod_util.IsDaemonSetPod. */
export function isDaemonSetPod(pod: V1Pod): boolean {
  return controllerOf(pod)?.kind === 'DaemonSet' || pod.metadata?.annotations?.[DAEMONSET_POD_ANNOTATION] === 'true';
}

function annotation(pod: V1Pod, key: string): string | undefined {
  return pod.metadata?.annotations?.[key];
}

/** drain.IsPodLongTerminating. */
function isLongTerminating(pod: V1Pod, now: number): boolean {
  const deleted = pod.metadata?.deletionTimestamp;
  if (deleted === undefined || deleted === null) return false;
  const grace = pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  return new Date(deleted).getTime() + grace * 1000 + LONG_TERMINATING_EXTRA_MS < now;
}

/** drain.IsPodTerminal. */
function isTerminal(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  const restart = pod.spec?.restartPolicy;
  if (restart === 'Never' && (phase === 'Succeeded' || phase === 'Failed')) return true;
  if (restart === 'OnFailure' && phase === 'Succeeded') return true;
  return phase === 'Failed';
}

/** drain.HasBlockingLocalStorage: hostPath, or an emptyDir not in memory, unless listed in safe-to-evict-local-volumes. */
function hasBlockingLocalStorage(pod: V1Pod): boolean {
  const listed = new Set((annotation(pod, SAFE_TO_EVICT_LOCAL_VOLUMES_ANNOTATION) ?? '').split(',').filter((name) => name !== ''));
  return (pod.spec?.volumes ?? []).some(
    (volume) => (volume.hostPath !== undefined || (volume.emptyDir !== undefined && volume.emptyDir.medium !== 'Memory')) && !listed.has(volume.name),
  );
}

const name = (pod: V1Pod) => pod.metadata?.name ?? '';
const namespace = (pod: V1Pod) => pod.metadata?.namespace || 'default';

/** The first decisive rule for `pod`, in CA's order (rules.go Default). */
export function drainability(pod: V1Pod, context: DrainContext): Drainability {
  const { rules } = context;
  if (isMirrorPod(pod)) return { outcome: 'skip', rule: 'mirror' };
  if (isLongTerminating(pod, context.now)) return { outcome: 'skip', rule: 'longterminating' };
  if (isDaemonSetPod(pod)) return { outcome: 'daemonSet', rule: 'daemonset' };
  if (annotation(pod, SAFE_TO_EVICT_ANNOTATION) === 'true') return { outcome: 'drain', rule: 'safetoevict' };
  if (isTerminal(pod)) return { outcome: 'drain', rule: 'terminal' };
  if (rules.replicated && controllerOf(pod) === undefined) {
    return { outcome: 'block', rule: 'replicated', reason: 'NotReplicated', message: `${namespace(pod)}/${name(pod)} is not replicated` };
  }
  if (rules.system && namespace(pod) === 'kube-system' && context.matchingBudgets(pod).length === 0) {
    return {
      outcome: 'block',
      rule: 'system',
      reason: 'UnmovableKubeSystemPod',
      message: `non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: ${name(pod)}`,
    };
  }
  if (rules.notSafeToEvict && annotation(pod, SAFE_TO_EVICT_ANNOTATION) === 'false') {
    return { outcome: 'block', rule: 'notsafetoevict', reason: 'NotSafeToEvictAnnotation', message: `pod annotated as not safe to evict present: ${name(pod)}` };
  }
  if (rules.localStorage && hasBlockingLocalStorage(pod)) {
    return { outcome: 'block', rule: 'localstorage', reason: 'LocalStorageRequested', message: `pod with local storage present: ${name(pod)}` };
  }
  if (rules.pdb && context.matchingBudgets(pod).some((budget) => budget.disruptionsAllowed < 1)) {
    return { outcome: 'block', rule: 'pdb', reason: 'NotEnoughPdb', message: `not enough pod disruption budget to move ${namespace(pod)}/${name(pod)}` };
  }
  return { outcome: 'drain' };
}
