/**
 * The `scenario` of a simulation, plan or analysis: an ordered list of edits
 * applied to a copy of the cluster before planning (api-contract.md, "What-if
 * analyses"). Validated here with field paths; Kubernetes objects inside
 * (node templates) are validated by src/kube when they are materialised.
 */
import { z } from 'zod';
import { parseInput } from '../../common/validation/parse-input.js';
import { templateCsiDrivers } from './template-csi-drivers.js';
import { MAX_TEMPLATE_SLICES } from './template-resource-slices.js';

const nodeTargets = {
  names: z.array(z.string().min(1)).min(1).optional(),
  selector: z.string().optional(),
};

const taint = z
  .object({
    key: z.string().min(1),
    value: z.string().optional(),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
  })
  .strict();

const addNodes = z
  .object({
    op: z.literal('addNodes'),
    template: z.record(z.string(), z.unknown()),
    /** DRA: ResourceSlice templates each added node publishes (template-resource-slices.ts). */
    resourceSlices: z.array(z.record(z.string(), z.unknown())).max(MAX_TEMPLATE_SLICES).optional(),
    count: z.number().int().min(1).max(10_000),
    namePrefix: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a lowercase DNS name').max(200).default('extra'),
    zones: z.array(z.string().min(1)).min(1).optional(),
    // The new nodes' CSINode drivers and attach limits (CSINode spec.drivers[]).
    csiDrivers: templateCsiDrivers.optional(),
  })
  .strict();

const removeNodes = z.object({ op: z.literal('removeNodes'), ...nodeTargets }).strict();
const cordon = z.object({ op: z.enum(['cordon', 'uncordon']), ...nodeTargets }).strict();
const taintEdit = z.object({ op: z.enum(['taint', 'untaint']), ...nodeTargets, taint }).strict();
const label = z
  .object({
    op: z.literal('label'),
    ...nodeTargets,
    // null removes the label, as `kubectl label node n key-`.
    labels: z.record(z.string().min(1), z.string().nullable()),
  })
  .strict();

const owner = z.object({ kind: z.enum(['Deployment', 'ReplicaSet', 'StatefulSet']), name: z.string().min(1) }).strict();
const removePods = z
  .object({ op: z.literal('removePods'), selector: z.string().optional(), owner: owner.optional(), namespace: z.string().min(1).default('default') })
  .strict();

const scale = z
  .object({
    op: z.literal('scale'),
    kind: z.enum(['Deployment', 'ReplicaSet', 'StatefulSet']),
    namespace: z.string().min(1).default('default'),
    name: z.string().min(1),
    replicas: z.number().int().min(0).max(100_000),
  })
  .strict();

/**
 * Lifts scheduling gates from the pods of the request's workloads, as the
 * controller that owns a gate removes it from each created pod (the pods keep
 * their names; only removal is allowed on a pod, never adding a gate).
 * Without `workload`: every workload; without `gates`: every gate.
 */
const removeSchedulingGates = z
  .object({
    op: z.literal('removeSchedulingGates'),
    workload: z
      .object({
        kind: z.enum(['Deployment', 'ReplicaSet', 'StatefulSet', 'Pod']),
        namespace: z.string().min(1).default('default'),
        name: z.string().min(1),
      })
      .strict()
      .optional(),
    gates: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const scenarioEdit = z
  .discriminatedUnion('op', [addNodes, removeNodes, cordon, taintEdit, label, removePods, scale, removeSchedulingGates])
  .superRefine((edit, context) => {
    const targetsNodes = edit.op !== 'addNodes' && edit.op !== 'removePods' && edit.op !== 'scale' && edit.op !== 'removeSchedulingGates';
    if (targetsNodes && (edit.names === undefined) === (edit.selector === undefined)) {
      context.addIssue({ code: 'custom', path: ['names'], message: 'give either names or selector' });
    }
    if (edit.op === 'removePods' && (edit.selector === undefined) === (edit.owner === undefined)) {
      context.addIssue({ code: 'custom', path: ['selector'], message: 'give either selector or owner' });
    }
  });

export const scenarioSchema = z.array(scenarioEdit).max(1_000);

export type ScenarioEdit = z.output<typeof scenarioEdit>;
export type AddNodesEdit = z.output<typeof addNodes>;
export type ScaleEdit = z.output<typeof scale>;
export type RemoveSchedulingGatesEdit = z.output<typeof removeSchedulingGates>;
export type NodeTaint = z.output<typeof taint>;

/** Validates a scenario; errors carry paths under `base` (e.g. `scenario[2].taint.effect`). */
export function parseScenario(input: unknown, base = 'scenario'): ScenarioEdit[] {
  return parseInput(scenarioSchema, input ?? [], base);
}
