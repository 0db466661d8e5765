/**
 * Whether a pod may preempt at all, as upstream
 * DefaultPreemption.PodEligibleToPreemptOthers. Its second rule — a pod whose
 * nominated node still has victims terminating from an earlier preemption
 * waits for them — does not arise in a plan: victims are gone the moment they
 * are chosen, so a plan never holds terminating pods.
 */
import type { PodInfo } from '../model/pod-info.js';
import { ErrReasonPreemptionPolicyNever } from './reasons.js';

export type Eligibility = { readonly eligible: true } | { readonly eligible: false; readonly reason: string };

export function podEligibleToPreemptOthers(pod: PodInfo): Eligibility {
  if (pod.pod.spec?.preemptionPolicy === 'Never') return { eligible: false, reason: ErrReasonPreemptionPolicyNever };
  return { eligible: true };
}
