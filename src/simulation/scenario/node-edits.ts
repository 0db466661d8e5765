/**
 * Edits of existing nodes, as kubectl would make them: cordon/uncordon
 * (spec.unschedulable), taint/untaint (a taint is identified by key and
 * effect, as `kubectl taint nodes n key:effect-`), label (null removes).
 */
import type { V1Node, V1Taint } from '@kubernetes/client-node';
import type { NodeTaint } from './scenario-edits.js';

export function setUnschedulable(node: V1Node, unschedulable: boolean): V1Node {
  const spec = { ...node.spec };
  if (unschedulable) spec.unschedulable = true;
  else delete spec.unschedulable;
  return { ...node, spec };
}

function sameTaint(left: V1Taint, right: NodeTaint): boolean {
  return left.key === right.key && left.effect === right.effect;
}

export function addTaint(node: V1Node, taint: NodeTaint): V1Node {
  const taints = (node.spec?.taints ?? []).filter((existing) => !sameTaint(existing, taint));
  taints.push({ key: taint.key, ...(taint.value === undefined ? {} : { value: taint.value }), effect: taint.effect });
  return { ...node, spec: { ...node.spec, taints } };
}

export function removeTaint(node: V1Node, taint: NodeTaint): V1Node {
  return { ...node, spec: { ...node.spec, taints: (node.spec?.taints ?? []).filter((existing) => !sameTaint(existing, taint)) } };
}

export function setLabels(node: V1Node, changes: Readonly<Record<string, string | null>>): V1Node {
  const labels: Record<string, string> = { ...(node.metadata?.labels ?? {}) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete labels[key];
    else labels[key] = value;
  }
  return { ...node, metadata: { ...node.metadata, labels } };
}
