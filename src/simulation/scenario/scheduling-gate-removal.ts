/**
 * Scenario `removeSchedulingGates`: the gates named (or all) leave the pods of
 * the request's workloads (or of one of them), as the controller owning a
 * gate removes it from each created pod; a pod whose last gate is gone is
 * scheduled like any other (upstream requeues it on that update,
 * SchedulingGates' UpdatePodSchedulingGatesEliminated hint). Pods keep their
 * names: the workload's template is not changed.
 */
import type { V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { InvalidInputError } from '../../kube/field-error.js';
import type { ExpandedWorkload } from '../../kube/workloads.js';
import type { SimulationWarning } from '../simulation-result.js';
import type { RemoveSchedulingGatesEdit, ScenarioEdit } from './scenario-edits.js';

function targets(edit: RemoveSchedulingGatesEdit, workload: ExpandedWorkload): boolean {
  const wanted = edit.workload;
  return !wanted || (wanted.kind === workload.ref.kind && wanted.namespace === workload.ref.namespace && wanted.name === workload.ref.name);
}

/**
 * The workloads with every removeSchedulingGates edit applied. Replicas of a
 * workload share their spec object (kube/expansion/pod-factory.ts); the
 * edited replicas share the edited one, so the engine still sees them as
 * identical. Throws when an edit names a workload the request lacks.
 */
export function removeSchedulingGates(
  workloads: readonly ExpandedWorkload[],
  edits: readonly ScenarioEdit[],
  base = 'scenario',
): { workloads: ExpandedWorkload[]; warnings: SimulationWarning[] } {
  let current = [...workloads];
  const warnings: SimulationWarning[] = [];
  edits.forEach((edit, index) => {
    if (edit.op !== 'removeSchedulingGates') return;
    const path = `${base}[${index}]`;
    if (edit.workload && !current.some((workload) => targets(edit, workload))) {
      const { kind, namespace, name } = edit.workload;
      throw new InvalidInputError([{ path: `${path}.workload`, message: `the request has no workload ${kind} ${namespace}/${name}` }]);
    }
    const removes = (gate: string): boolean => edit.gates === undefined || edit.gates.includes(gate);
    let lifted = 0;
    current = current.map((workload) => {
      if (!targets(edit, workload)) return workload;
      const edited = new Map<V1PodSpec, V1PodSpec>();
      const before = lifted;
      const pods = workload.pods.map((pod): V1Pod => {
        const spec = pod.spec;
        const gates = spec?.schedulingGates ?? [];
        if (!spec || !gates.some((gate) => removes(gate.name))) return pod;
        lifted++;
        let next = edited.get(spec);
        if (!next) {
          const { schedulingGates: _gates, ...rest } = spec;
          const kept = gates.filter((gate) => !removes(gate.name));
          edited.set(spec, (next = kept.length > 0 ? { ...rest, schedulingGates: kept } : rest));
        }
        return { ...pod, spec: next };
      });
      return lifted > before ? { ...workload, pods } : workload;
    });
    if (lifted === 0) warnings.push({ path, message: 'removes no scheduling gate: no targeted pod carries one' });
  });
  return { workloads: current, warnings };
}
