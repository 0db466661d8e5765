import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { InvalidInputError, type FieldError } from '../../src/kube/field-error.js';
import { parseDocuments } from '../../src/kube/documents.js';
import { formatOf, readRealdata, realdataFiles } from './realdata.js';

type Json = Record<string, any>;

const node = (name: string, extra: Json = {}): Json => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { capacity: { cpu: '4', memory: '16Gi', pods: '110' }, allocatable: { cpu: '3900m', memory: '15Gi', pods: '110' } },
  ...extra,
});

const pod = (name: string, spec: Json = {}, metadata: Json = {}): Json => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ...metadata },
  spec: { containers: [{ name: 'main', image: 'nginx', resources: { requests: { cpu: '100m' } } }], ...spec },
});

function importErrors(objects: unknown[], options = {}): FieldError[] {
  try {
    importCluster(objects, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors;
  }
  throw new Error('expected an InvalidInputError');
}

describe('importCluster: lists and paths', () => {
  it('flattens typed lists whose items have no kind, inheriting kind and apiVersion from the list', () => {
    const imported = importCluster([
      { kind: 'NodeList', apiVersion: 'v1', items: [{ metadata: { name: 'a' }, status: { capacity: { cpu: '2' } } }] },
      { kind: 'PodList', apiVersion: 'v1', items: [{ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } }] },
      { kind: 'DeploymentList', apiVersion: 'apps/v1', items: [{ metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } } } }] },
    ]);
    expect(imported.objects.nodes.map((entry) => [entry.kind, entry.apiVersion, entry.metadata?.name])).toEqual([['Node', 'v1', 'a']]);
    expect(imported.objects.pods.map((entry) => [entry.kind, entry.metadata?.namespace, entry.metadata?.name])).toEqual([['Pod', 'default', 'p']]);
    expect(imported.objects.deployments.map((entry) => [entry.kind, entry.apiVersion])).toEqual([['Deployment', 'apps/v1']]);
  });

  it('reports errors inside lists at their exact item path', () => {
    const errors = importErrors([
      node('ok'),
      { kind: 'List', items: [pod('fine'), { kind: 'NodeList', apiVersion: 'v1', items: [node('n1'), { metadata: { name: 'n2' }, status: { allocatable: { cpu: 'lots' } } }] }] },
    ]);
    expect(errors).toEqual([{ path: 'objects[1].items[1].items[1].status.allocatable.cpu', message: expect.stringMatching(/^Invalid value: "lots": must be a quantity/) }]);
  });

  it('accepts older API groups for known kinds and stores the current apiVersion', () => {
    const imported = importCluster([node('a'), { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'd' }, spec: {} }]);
    expect(imported.objects.deployments[0].apiVersion).toBe('apps/v1');
  });

  it('treats an empty typed list printed as `items: null` as empty', () => {
    expect(importCluster([node('a'), { kind: 'ReplicationControllerList', apiVersion: 'v1', items: null }]).objects.replicationControllers).toEqual([]);
  });
});

describe('importCluster: validation collects every error with its path', () => {
  it.each([
    { name: 'non-object item', objects: [node('a'), 'text'], errors: [{ path: 'objects[1]', message: 'must be a Kubernetes object' }] },
    { name: 'non-object list item', objects: [node('a'), { kind: 'List', items: [42] }], errors: [{ path: 'objects[1].items[0]', message: 'must be a Kubernetes object' }] },
    { name: 'missing kind', objects: [node('a'), { metadata: { name: 'x' } }], errors: [{ path: 'objects[1].kind', message: expect.stringContaining('Required value') }] },
    { name: 'missing name', objects: [node('a'), { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [{ name: 'c', image: 'i' }] } }], errors: [{ path: 'objects[1].metadata.name', message: 'Required value' }] },
    { name: 'invalid node name', objects: [node('Node_A')], errors: [{ path: 'objects[0].metadata.name', message: expect.stringContaining('a lowercase RFC 1123 subdomain') }] },
    { name: 'invalid namespace', objects: [node('a'), pod('p', {}, { namespace: 'Prod' })], errors: [{ path: 'objects[1].metadata.namespace', message: expect.stringContaining('RFC 1123 label') }] },
    {
      name: 'duplicate node names',
      objects: [node('a'), node('a')],
      errors: [{ path: 'objects[1].metadata.name', message: 'Duplicate value: Node "a" is already defined at objects[0]' }],
    },
    {
      name: 'duplicate pods, the namespace defaulted',
      objects: [node('a'), pod('p'), pod('p', {}, { namespace: undefined })],
      errors: [{ path: 'objects[2].metadata.name', message: 'Duplicate value: Pod "default/p" is already defined at objects[1]' }],
    },
    { name: 'invalid label key', objects: [node('a', { metadata: { name: 'a', labels: { 'bad key': 'x' } } })], errors: [{ path: 'objects[0].metadata.labels', message: expect.stringContaining('key "bad key": name part must consist of') }] },
    { name: 'invalid label value', objects: [node('a', { metadata: { name: 'a', labels: { zone: 'a b' } } })], errors: [{ path: 'objects[0].metadata.labels.zone', message: expect.stringContaining('a valid label must be an empty string') }] },
    { name: 'invalid capacity quantity', objects: [node('a', { status: { capacity: { memory: '12XB' } } })], errors: [{ path: 'objects[0].status.capacity.memory', message: expect.stringContaining('Invalid value: "12XB"') }] },
    { name: 'negative allocatable', objects: [node('a', { status: { allocatable: { cpu: '-1' } } })], errors: [{ path: 'objects[0].status.allocatable.cpu', message: 'Invalid value: "-1": must be greater than or equal to 0' }] },
    { name: 'allocatable with an exponent out of range', objects: [node('a', { status: { allocatable: { cpu: '1e1000' } } })], errors: [{ path: 'objects[0].status.allocatable.cpu', message: 'Invalid value: "1e1000": must be a quantity podplan can represent (at most 2^53 millicores)' }] },
    { name: 'negative allocatable as a huge JSON number', objects: [node('a', { status: { allocatable: { pods: -4.4111512377846674e111 } } })], errors: [{ path: 'objects[0].status.allocatable.pods', message: expect.stringContaining('must be a quantity podplan can represent') }] },
    { name: 'capacity of a tiny negative JSON number', objects: [node('a', { status: { capacity: { 'example.com/x': -1.8673338644851386e-214 } } })], errors: [{ path: 'objects[0].status.capacity[example.com/x]', message: expect.stringContaining('must be a quantity podplan can represent') }] },
    {
      name: 'taint effect outside the enum',
      objects: [node('a', { spec: { taints: [{ key: 'gpu', effect: 'NoWay' }] } })],
      errors: [{ path: 'objects[0].spec.taints[0].effect', message: 'Unsupported value: "NoWay": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' }],
    },
    { name: 'taint key not a qualified name', objects: [node('a', { spec: { taints: [{ key: '-gpu', effect: 'NoSchedule' }] } })], errors: [{ path: 'objects[0].spec.taints[0].key', message: expect.stringContaining('name part must consist of') }] },
    { name: 'taint without effect', objects: [node('a', { spec: { taints: [{ key: 'gpu' }] } })], errors: [{ path: 'objects[0].spec.taints[0].effect', message: 'Required value' }] },
    {
      name: 'container request quantity',
      objects: [node('a'), pod('p', { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: 'half' } } }] })],
      errors: [{ path: 'objects[1].spec.containers[0].resources.requests.cpu', message: expect.stringContaining('Invalid value: "half"') }],
    },
    { name: 'overhead quantity', objects: [node('a'), pod('p', { overhead: { memory: '1.5.5Gi' } })], errors: [{ path: 'objects[1].spec.overhead.memory', message: expect.stringContaining('Invalid value') }] },
    {
      name: 'affinity selector operator',
      objects: [node('a'), pod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] } }] } } })],
      errors: [
        {
          path: 'objects[1].spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator',
          message: 'Invalid value: "Equals": not a valid selector operator',
        },
      ],
    },
    {
      name: 'spread constraint selector values with Exists',
      objects: [node('a'), pod('p', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } }] })],
      errors: [{ path: 'objects[1].spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].values', message: expect.stringContaining('Forbidden') }],
    },
    { name: 'service selector', objects: [node('a'), { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'a b' } } }], errors: [{ path: 'objects[1].spec.selector.app', message: expect.stringContaining('a valid label') }] },
    {
      name: 'ReplicaSet selector',
      objects: [node('a'), { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } } }],
      errors: [{ path: 'objects[1].spec.selector.matchExpressions[0].values', message: "Required value: must be specified when `operator` is 'In' or 'NotIn'" }],
    },
    { name: 'no nodes', objects: [pod('p')], errors: [{ path: 'objects', message: expect.stringContaining('contains no nodes') }] },
  ])('$name', ({ objects, errors }) => {
    expect(importErrors(objects)).toEqual(errors);
  });

  it('collects errors across objects instead of stopping at the first', () => {
    const errors = importErrors([node('a', { spec: { taints: [{ key: 'k', effect: 'Bad' }] } }), node('B'), pod('p', { overhead: { cpu: 'x' } })]);
    expect(errors.map((error) => error.path)).toEqual(['objects[0].spec.taints[0].effect', 'objects[1].metadata.name', 'objects[2].spec.overhead.cpu']);
  });

  it('uses the base path it is given', () => {
    expect(importErrors([], { basePath: 'cluster.objects' })).toEqual([{ path: 'cluster.objects', message: expect.stringContaining('contains no nodes') }]);
  });

  it('allows a cluster without nodes when told to', () => {
    expect(importCluster([pod('p')], { requireNodes: false }).objects.pods).toHaveLength(1);
  });
});

describe('importCluster: defaults, warnings and stripping', () => {
  it('defaults namespace and allocatable as the API server does', () => {
    const imported = importCluster([
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare' }, status: { capacity: { cpu: '2', pods: '10' } } },
      pod('p', {}, { namespace: undefined }),
    ]);
    expect(imported.objects.nodes[0].status?.allocatable).toEqual({ cpu: '2', pods: '10' });
    expect(imported.objects.pods[0].metadata?.namespace).toBe('default');
  });

  it('warns once per skipped kind with its count, and names pods bound to missing nodes', () => {
    const imported = importCluster([
      node('a'),
      { kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c2' } }] },
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' } },
      { apiVersion: 'example.com/v1', kind: 'Node', metadata: { name: 'crd' } },
      pod('on-a', { nodeName: 'a' }),
      pod('lost-1', { nodeName: 'gone' }),
      pod('lost-2', { nodeName: 'gone' }),
    ]);
    expect(imported.warnings).toEqual([
      { path: 'objects[1].items[0]', message: 'skipped 2 ConfigMap objects: podplan does not use this kind' },
      { path: 'objects[2]', message: 'skipped 1 DaemonSet object: their pods are imported as pods; the controller itself is not simulated' },
      { path: 'objects[3]', message: 'skipped 1 example.com/v1 Node object: podplan reads Node only from v1' },
      { path: 'objects[5].spec.nodeName', message: '2 pods (default/lost-1, default/lost-2) are bound to node "gone", which is not in the input; they count on no node' },
    ]);
    expect(imported.objects.pods).toHaveLength(3);
  });

  it('strips to what scheduling reads and tallies what it dropped', () => {
    const imported = importCluster([
      node('a', {
        metadata: { name: 'a', uid: 'u1', resourceVersion: '9', managedFields: [{}], annotations: { x: 'y' } },
        spec: { podCIDR: '10.0.0.0/24', taints: [{ key: 'k', effect: 'NoSchedule' }] },
        status: { capacity: { cpu: '2' }, conditions: [{ type: 'Ready' }], images: [{ names: ['nginx:1'], sizeBytes: 100, extra: 1 }], nodeInfo: {} },
      }),
      pod(
        'p',
        {
          nodeName: 'a',
          serviceAccountName: 'default',
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }],
          containers: [{ name: 'c', image: 'i', env: [{ name: 'A', value: 'b' }], ports: [{ containerPort: 80, name: 'http' }] }],
        },
        { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u2', controller: true, blockOwnerDeletion: true }] },
      ),
    ]);
    expect(imported.objects.nodes[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'a', uid: 'u1' },
      spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] },
      status: { capacity: { cpu: '2' }, allocatable: { cpu: '2' }, images: [{ names: ['nginx:1'], sizeBytes: 100 }] },
    });
    expect(imported.objects.pods[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u2', controller: true }] },
      spec: {
        nodeName: 'a',
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }],
        containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }],
      },
    });
    expect(imported.dropped).toEqual({
      'metadata.annotations': 1,
      'metadata.managedFields': 1,
      'metadata.ownerReferences.blockOwnerDeletion': 1,
      'metadata.resourceVersion': 1,
      'spec.containers.env': 1,
      'spec.containers.ports.name': 1,
      'spec.podCIDR': 1,
      'spec.serviceAccountName': 1,
      'status.conditions': 1,
      'status.images.extra': 1,
      'status.nodeInfo': 1,
    });
  });

  it('keeps priority classes, PDB status and service selectors', () => {
    const imported = importCluster([
      node('a'),
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, globalDefault: false, description: 'x' },
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'a' } } }, status: { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, observedGeneration: 3 } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }] } },
    ]);
    expect(imported.objects.priorityClasses[0]).toEqual({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, globalDefault: false });
    expect(Object.keys(imported.objects.priorityClasses[0])).not.toContain('preemptionPolicy');
    expect(imported.objects.podDisruptionBudgets[0].status).toEqual({ disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 });
    expect(imported.objects.services[0]).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'default' }, spec: { selector: { app: 'a' } } });
  });
});

/*
 * Every realdata capture (see ../shared/realdata/SOURCES.md) imports with the
 * node and pod counts SOURCES.md records. Cases are built from the files that
 * exist, so the suite passes where the folder is absent.
 */
interface Capture {
  name: string;
  /** Files of the capture, relative to the realdata root; all must exist for the case to run. */
  files: string[];
  nodes: number;
  pods: number;
  deployments?: number;
  statefulSets?: number;
  replicaSets?: number;
  /** Captures without a node dump import with requireNodes: false. */
  requireNodes?: boolean;
  /** Substrings of expected warnings. */
  warnings?: string[];
}

const folder = (name: string, exclude: (path: string) => boolean = () => false): string[] =>
  realdataFiles(name).filter((path) => !path.endsWith('serverversion.json') && !path.endsWith('.md') && !exclude(path));

const captures: Capture[] = [
  { name: 'k3s support bundle: 1 node, 13 pods, 3 Deployments', files: folder('troubleshoot-k3s-bundle'), nodes: 1, pods: 13, deployments: 3 },
  { name: 'troubleshoot analyser fixture: 7 nodes (5 items without kind), 2 pending pods', files: folder('troubleshoot-analyze'), nodes: 7, pods: 2 },
  {
    name: 'EKS cluster-info dump, derived lists: 2 nodes, 6 kube-system pods, DaemonSets skipped',
    files: folder('eks-cluster-info-dump'),
    nodes: 2,
    pods: 6,
    deployments: 1,
    warnings: ['skipped 2 DaemonSet objects: their pods are imported as pods'],
  },
  {
    name: 'EKS cluster-info dump, the raw stream: lists between container logs',
    files: realdataFiles('eks-cluster-info-dump').filter((path) => path.endsWith('cluster-info-dump.md')),
    nodes: 2,
    pods: 6,
    deployments: 1,
    replicaSets: 1,
    warnings: ['skipped 84 Event objects: podplan does not use this kind', 'skipped 2 DaemonSet objects'],
  },
  { name: 'OpenShift insights archive: 6 single Node files, 19 single Pod files', files: folder('openshift-gcp-insights'), nodes: 6, pods: 19 },
  { name: 'sonobuoy kind: 3 nodes, 20 pods in kubectl Lists', files: folder('sonobuoy-kind'), nodes: 3, pods: 20 },
  {
    name: 'kubevious GKE: 2 nodes, 81 pods, 68 Deployments, 3 StatefulSets, one pod on a foreign node',
    files: folder('kubevious-gke'),
    nodes: 2,
    pods: 81,
    deployments: 68,
    statefulSets: 3,
    warnings: ['skipped 5 DaemonSet objects', 'is bound to node "ip-192-168-48-244.ec2.internal", which is not in the input'],
  },
  {
    name: 'on-prem pods only: 158 pods on 4 undumped nodes',
    files: folder('describecluster-onprem'),
    nodes: 0,
    pods: 158,
    requireNodes: false,
    warnings: ['53 pods (', 'are bound to node "epm-node1"'],
  },
  { name: 'Istio lab pods only: 47 pods', files: folder('gemyang-istio-lab'), nodes: 0, pods: 47, requireNodes: false },
  { name: 'ECK on EKS pods only: 10 pods', files: folder('eck-on-eks'), nodes: 0, pods: 10, requireNodes: false },
  { name: 'honeycomb EKS: 2 tainted arm64 nodes, 11 kubelet-style pods', files: folder('honeycomb-agent-eks'), nodes: 2, pods: 11 },
  { name: 'kubectl-neat YAML List: 2 pods', files: realdataFiles('kind-kubectl-neat').filter((path) => path.endsWith('.yaml')), nodes: 0, pods: 2, requireNodes: false },
  { name: 'kubectl-neat JSON List: 2 pods', files: realdataFiles('kind-kubectl-neat').filter((path) => path.endsWith('.json')), nodes: 0, pods: 2, requireNodes: false },
];

// importCluster on real captures (realdataFiles throws when ../shared/realdata is absent, so these never pass empty).
it('finds the files of every capture', () => {
  expect(captures.filter((capture) => capture.files.length === 0).map((capture) => capture.name)).toEqual([]);
});

it.each(captures)('$name', (capture) => {
  const documents = capture.files.flatMap((path) => parseDocuments(readRealdata(path), formatOf(path)));
  const imported = importCluster(documents, { requireNodes: capture.requireNodes ?? true });
  expect(imported.objects.nodes).toHaveLength(capture.nodes);
  expect(imported.objects.pods).toHaveLength(capture.pods);
  if (capture.deployments !== undefined) expect(imported.objects.deployments).toHaveLength(capture.deployments);
  if (capture.statefulSets !== undefined) expect(imported.objects.statefulSets).toHaveLength(capture.statefulSets);
  if (capture.replicaSets !== undefined) expect(imported.objects.replicaSets).toHaveLength(capture.replicaSets);
  const messages = imported.warnings.map((warning) => warning.message);
  for (const expected of capture.warnings ?? []) expect(messages.some((message) => message.includes(expected))).toBe(true);
  // Everything stored is typed and namespaced as the API server would have it.
  for (const pod of imported.objects.pods) {
    expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expect(pod.metadata?.namespace).toBeTruthy();
    expect(pod.metadata).not.toHaveProperty('managedFields');
  }
  for (const node of imported.objects.nodes) expect(node.status?.allocatable).toBeDefined();
});

it('keeps GPU allocatable and drops what scheduling never reads', () => {
  const imported = importCluster(parseDocuments(readRealdata('troubleshoot-analyze/nodes.json'), 'json'));
  const gpuNode = imported.objects.nodes.find((node) => node.metadata?.name === 'ip-172-31-21-92');
  expect(gpuNode?.status?.allocatable).toHaveProperty(['nvidia.com/gpu']);
  expect(gpuNode?.status).not.toHaveProperty('conditions');
  expect(imported.dropped['status.conditions']).toBe(7);
});
