/**
 * Applies a scenario's edits, in order, to a fork of the cluster; the input
 * cluster (and so a saved topology's cached state) is never touched. Node
 * targets are checked against the cluster as it stands at that edit, so an
 * edit may refer to nodes an earlier one added.
 */
import type { V1Node } from '@kubernetes/client-node';
import { InvalidInputError, type FieldError } from '../../kube/field-error.js';
import { parseSelectorString } from '../../kube/label-selector-string.js';
import type { Profile } from '../../scheduling/framework/framework.js';
import type { ClusterState } from '../../scheduling/model/cluster-state.js';
import { Planner } from '../../scheduling/planner/planner.js';
import type { SimulationWarning } from '../simulation-result.js';
import { summarizeCluster, type ScenarioSummary } from './cluster-summary.js';
import { addTaint, removeTaint, setLabels, setUnschedulable } from './node-edits.js';
import { addTemplateNodes, compileNodeTemplate, NodeNamer } from './node-template.js';
import { workloadOfPod } from './pod-owners.js';
import type { AddNodesEdit, ScaleEdit, ScenarioEdit } from './scenario-edits.js';
import { podsOfWorkload, scaleDownOrder, scaleUpPods } from './workload-scaling.js';

export interface ScenarioOutcome {
  readonly cluster: ClusterState;
  readonly summary: ScenarioSummary;
  readonly warnings: readonly SimulationWarning[];
}

/** Names of the nodes an edit targets: every name must exist; a selector may match none (a warning). */
function targetNodes(cluster: ClusterState, edit: { names?: string[]; selector?: string }, path: string, warnings: SimulationWarning[]): string[] {
  if (edit.names) {
    const errors: FieldError[] = edit.names
      .map((name, index) => (cluster.node(name) ? null : { path: `${path}.names[${index}]`, message: `node "${name}" is not in the cluster` }))
      .filter((error): error is FieldError => error !== null);
    if (errors.length > 0) throw new InvalidInputError(errors);
    return [...new Set(edit.names)];
  }
  const selector = parseSelectorString(edit.selector ?? '', `${path}.selector`);
  const names = cluster.nodes.filter((node) => selector.matches(node.labels)).map((node) => node.name);
  if (names.length === 0) warnings.push({ path: `${path}.selector`, message: `selects no node` });
  return names;
}

function addNodes(cluster: ClusterState, edit: AddNodesEdit, path: string): void {
  const template = compileNodeTemplate(edit.template, `${path}.template`, edit.csiDrivers, { slices: edit.resourceSlices, path: `${path}.resourceSlices` });
  const namer = new NodeNamer(edit.namePrefix, (name) => cluster.node(name) !== undefined);
  const nodes = Array.from({ length: edit.count }, (_, index) => ({ template, name: namer.name(), zone: edit.zones?.[index % edit.zones.length] }));
  addTemplateNodes(cluster, nodes);
}

function updateNodes(cluster: ClusterState, names: readonly string[], update: (node: V1Node) => V1Node): void {
  for (const name of names) cluster.updateNode(name, update);
}

function removePods(cluster: ClusterState, edit: Extract<ScenarioEdit, { op: 'removePods' }>, path: string, warnings: SimulationWarning[]): void {
  const selector = edit.selector === undefined ? undefined : parseSelectorString(edit.selector, `${path}.selector`);
  let removed = 0;
  for (const node of [...cluster.nodes]) {
    for (const pod of node.pods) {
      if (pod.namespace !== edit.namespace) continue;
      const owned = edit.owner ? workloadOfPod(pod.pod, cluster.objects) : undefined;
      const matches = selector ? selector.matches(pod.labels) : owned?.kind === edit.owner!.kind && owned.name === edit.owner!.name;
      if (!matches) continue;
      cluster.removePod(pod.key, node.name);
      removed++;
    }
  }
  if (removed === 0) warnings.push({ path, message: 'removes no pod' });
}

function scale(cluster: ClusterState, edit: ScaleEdit, path: string, profile: Profile, warnings: SimulationWarning[]): ClusterState {
  const running = podsOfWorkload(cluster, edit);
  if (running.length === 0) {
    throw new InvalidInputError([{ path: `${path}.name`, message: `${edit.kind} ${edit.namespace}/${edit.name} has no pods in the cluster to scale` }]);
  }
  if (edit.replicas <= running.length) {
    for (const victim of scaleDownOrder(edit.kind, running).slice(0, running.length - edit.replicas)) cluster.removePod(victim.pod.key, victim.node);
    return cluster;
  }
  const model = [...running].sort((a, b) => (a.pod.name < b.pod.name ? -1 : 1))[0].pod.pod;
  const added = scaleUpPods(edit.kind, edit.name, model, running, edit.replicas - running.length);
  const run = new Planner(profile).plan(cluster, added);
  const unplaced = run.decisions.filter((decision) => decision.node === null);
  if (unplaced.length > 0) {
    warnings.push({ path, message: `${unplaced.length} of ${added.length} added replicas stay pending: ${unplaced[0].failureMessage ?? ''}` });
  }
  return run.cluster;
}

/**
 * The edited cluster (a fork), with the original's and the edited one's
 * summaries. `profile` places the replicas a `scale` edit adds.
 */
export function applyScenario(cluster: ClusterState, edits: readonly ScenarioEdit[], profile: Profile, base = 'scenario'): ScenarioOutcome {
  let working = cluster.fork();
  const warnings: SimulationWarning[] = [];
  edits.forEach((edit, index) => {
    const path = `${base}[${index}]`;
    switch (edit.op) {
      case 'addNodes':
        addNodes(working, edit, path);
        break;
      case 'removeNodes':
        working.removeNodes(targetNodes(working, edit, path, warnings));
        break;
      case 'cordon':
      case 'uncordon':
        updateNodes(working, targetNodes(working, edit, path, warnings), (node) => setUnschedulable(node, edit.op === 'cordon'));
        break;
      case 'taint':
        updateNodes(working, targetNodes(working, edit, path, warnings), (node) => addTaint(node, edit.taint));
        break;
      case 'untaint':
        updateNodes(working, targetNodes(working, edit, path, warnings), (node) => removeTaint(node, edit.taint));
        break;
      case 'label':
        updateNodes(working, targetNodes(working, edit, path, warnings), (node) => setLabels(node, edit.labels));
        break;
      case 'removePods':
        removePods(working, edit, path, warnings);
        break;
      case 'scale':
        working = scale(working, edit, path, profile, warnings);
        break;
      case 'removeSchedulingGates':
        // Edits the request's workload pods, not the cluster: see scheduling-gate-removal.ts.
        break;
    }
  });
  return { cluster: working, summary: { original: summarizeCluster(cluster), edited: summarizeCluster(working), edits: edits.length }, warnings };
}
