/**
 * Nodes made from a template Node (scenario `addNodes`, scale-up node
 * groups): named `<prefix>-<n>` (the lowest free n), labelled
 * `kubernetes.io/hostname` = name and `topology.kubernetes.io/zone` = zone
 * over the template's own labels, then validated and defaulted exactly as an
 * imported Node (allocatable defaults to capacity). A template with
 * `csiDrivers` gives each node a CSINode of the same name with those
 * drivers' attach limits (template-csi-drivers.ts); one with
 * `resourceSlices` gives each node its own DRA devices
 * (template-resource-slices.ts).
 */
import type { V1Node, V1ResourceSlice } from '@kubernetes/client-node';
import { importCluster } from '../../kube/cluster-import.js';
import { InvalidInputError, type FieldError } from '../../kube/field-error.js';
import type { ClusterState } from '../../scheduling/model/cluster-state.js';
import { withResourceSlices } from '../../scheduling/model/dra-catalog.js';
import { withCsiNodes } from '../../scheduling/model/storage-catalog.js';
import { csiNodeOf, type TemplateCsiDrivers } from './template-csi-drivers.js';
import { compileSliceTemplates, templateSlices } from './template-resource-slices.js';

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** A template checked once: the Node the API server would store, minus its name. */
export interface NodeTemplate {
  readonly node: V1Node;
  /** The CSI drivers (and attach limits) of each node's CSINode; absent: the nodes have no CSINode. */
  readonly csiDrivers?: TemplateCsiDrivers;
  /** DRA: the ResourceSlices each node publishes (as templates: node and pool are set per node); absent: none. */
  readonly resourceSlices?: readonly V1ResourceSlice[];
}

/** The template's ResourceSlices as submitted, and where they are in the request. */
export interface SubmittedSlices {
  readonly slices: readonly unknown[] | undefined;
  readonly path: string;
}

/**
 * Validates a template Node; errors are reported under `path` (e.g.
 * `scenario[0].template`), and those of its ResourceSlice templates under
 * theirs. `csiDrivers` were checked with the request.
 */
export function compileNodeTemplate(template: unknown, path: string, csiDrivers?: TemplateCsiDrivers, resourceSlices?: SubmittedSlices): NodeTemplate {
  const errors: FieldError[] = [];
  const node = collectErrors(errors, () => compileTemplateNode(template, path));
  const slices = collectErrors(errors, () => compileSliceTemplates(resourceSlices?.slices, resourceSlices?.path ?? ''));
  if (errors.length > 0 || node === undefined || slices === undefined) throw new InvalidInputError(errors);
  return { node, ...(csiDrivers !== undefined && { csiDrivers }), ...(slices.length > 0 && { resourceSlices: slices }) };
}

function collectErrors<T>(errors: FieldError[], compile: () => T): T | undefined {
  try {
    return compile();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    errors.push(...error.errors);
    return undefined;
  }
}

function compileTemplateNode(template: unknown, path: string): V1Node {
  const record = template as { apiVersion?: unknown; kind?: unknown; metadata?: Record<string, unknown> };
  const candidate = { apiVersion: 'v1', kind: 'Node', ...record, metadata: { ...(record?.metadata ?? {}), name: 'template' } };
  try {
    const imported = importCluster([candidate], { basePath: '$', requireNodes: true });
    const [node] = imported.objects.nodes;
    if (!node) throw new InvalidInputError([{ path, message: 'must be a v1 Node' }]);
    return node;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new InvalidInputError(error.errors.map((fieldError) => ({ ...fieldError, path: fieldError.path.replace(/^\$\[0\]/, path) })));
  }
}

/** One node of the template, with its name and zone. */
export function nodeFromTemplate(template: NodeTemplate, name: string, zone: string | undefined): V1Node {
  const labels = { ...(template.node.metadata?.labels ?? {}), [HOSTNAME_LABEL]: name, ...(zone === undefined ? {} : { [ZONE_LABEL]: zone }) };
  return { ...template.node, metadata: { ...template.node.metadata, name, labels } };
}

/** A node to add from a template: its name and zone. */
export interface TemplateNode {
  readonly template: NodeTemplate;
  readonly name: string;
  readonly zone: string | undefined;
}

/** Adds the nodes, and the CSINodes and ResourceSlices their templates give them. */
export function addTemplateNodes(cluster: ClusterState, nodes: readonly TemplateNode[]): void {
  for (const { template, name, zone } of nodes) cluster.addNode(nodeFromTemplate(template, name, zone));
  addTemplateObjects(cluster, nodes);
}

/** The CSINodes and ResourceSlices of the nodes (already added) whose template has them, one catalog change each. */
export function addTemplateObjects(cluster: ClusterState, nodes: readonly TemplateNode[]): void {
  const csiNodes = nodes.flatMap(({ template, name }) => (template.csiDrivers ? [csiNodeOf(template.csiDrivers, name)] : []));
  if (csiNodes.length > 0) cluster.withCatalog((catalog) => ({ ...catalog, storage: withCsiNodes(catalog.storage, csiNodes) }));
  const slices = nodes.flatMap(({ template, name }) => (template.resourceSlices ? templateSlices(template.resourceSlices, name) : []));
  if (slices.length > 0) cluster.withCatalog((catalog) => ({ ...catalog, dra: withResourceSlices(catalog.dra, slices) }));
}

/** Hands out `<prefix>-1`, `<prefix>-2`, … skipping names already taken. */
export class NodeNamer {
  private next = 1;

  constructor(
    private readonly prefix: string,
    private readonly taken: (name: string) => boolean,
  ) {}

  name(): string {
    while (this.taken(`${this.prefix}-${this.next}`)) this.next++;
    return `${this.prefix}-${this.next++}`;
  }
}
