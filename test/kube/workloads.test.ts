import type { V1PriorityClass } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, type FieldError } from '../../src/kube/field-error.js';
import { expandWorkloads, type WorkloadContext } from '../../src/kube/workloads.js';
import { parseDocuments } from '../../src/kube/documents.js';
import { formatOf, readRealdata, realdataFiles } from './realdata.js';

type Json = Record<string, any>;

const emptyContext: WorkloadContext = { priorityClasses: [], existingPodNames: new Set() };

function podSpec(extra: Json = {}): Json {
  return { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }], ...extra };
}

function deployment(name: string, options: { replicas?: number; labels?: Json; selector?: Json; spec?: Json; namespace?: string } = {}): Json {
  const labels = options.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(options.namespace && { namespace: options.namespace }) },
    spec: {
      ...(options.replicas !== undefined && { replicas: options.replicas }),
      selector: options.selector ?? { matchLabels: labels },
      template: { metadata: { labels }, spec: podSpec(options.spec) },
    },
  };
}

function statefulSet(name: string, replicas: number, extraSpec: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'data' },
    spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec() }, ...extraSpec },
  };
}

function barePod(name: string, spec: Json = {}, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name }, ...metadata }, spec: podSpec(spec) };
}

function expansionErrors(workloads: unknown[], context = emptyContext): FieldError[] {
  try {
    expandWorkloads(workloads, context);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors;
  }
  throw new Error('expected an InvalidInputError');
}

describe('expandWorkloads: names, labels and owners as the controllers make them', () => {
  it('Deployment → ReplicaSet <deployment>-<pod-template-hash> → pods <rs>-<5 chars>', () => {
    const [web] = expandWorkloads([deployment('web', { replicas: 3 })], emptyContext);
    expect(web.ref).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(web.replicas).toBe(3);
    const [replicaSet] = web.controllers.replicaSets;
    const hash = replicaSet.metadata!.labels!['pod-template-hash'];
    expect(hash).toMatch(/^[456789bcdf]+$/);
    expect(replicaSet.metadata).toMatchObject({ name: `web-${hash}`, namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }] });
    expect(replicaSet.spec!.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(replicaSet.spec!.template!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    const names = web.pods.map((pod) => pod.metadata!.name!);
    expect(new Set(names).size).toBe(3);
    for (const [index, pod] of web.pods.entries()) {
      expect(pod.metadata!.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(pod.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(pod.metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${hash}`, uid: replicaSet.metadata!.uid, controller: true }]);
      expect(pod.metadata!.namespace).toBe('default');
      expect(pod.status).toEqual({ phase: 'Pending' });
      expect(index).toBeLessThan(3);
    }
  });

  it('gives byte-identical output for the same input, and a new hash for a changed template', () => {
    const first = JSON.stringify(expandWorkloads([deployment('web', { replicas: 4 }), statefulSet('db', 2)], emptyContext));
    const second = JSON.stringify(expandWorkloads([deployment('web', { replicas: 4 }), statefulSet('db', 2)], emptyContext));
    expect(second).toBe(first);
    const [changed] = expandWorkloads([deployment('web', { replicas: 1, spec: { nodeSelector: { disk: 'ssd' } } })], emptyContext);
    const [original] = expandWorkloads([deployment('web', { replicas: 1 })], emptyContext);
    expect(changed.controllers.replicaSets[0].metadata!.name).not.toBe(original.controllers.replicaSets[0].metadata!.name);
  });

  it('avoids names of existing pods and of pods planned earlier in the same request', () => {
    const [planned] = expandWorkloads([deployment('web', { replicas: 2 })], emptyContext);
    const taken = planned.pods[0].metadata!.name!;
    const [again] = expandWorkloads([deployment('web', { replicas: 2 })], { priorityClasses: [], existingPodNames: new Set([`default/${taken}`]) });
    const names = again.pods.map((pod) => pod.metadata!.name);
    expect(names).not.toContain(taken);
    expect(names[1]).toBe(planned.pods[1].metadata!.name);
    const [left, right] = expandWorkloads([{ ...deployment('web', { replicas: 1 }) }, { ...deployment('web', { replicas: 1 }), metadata: { name: 'web', namespace: 'other' } }], emptyContext);
    expect(left.pods[0].metadata!.name).toBe(right.pods[0].metadata!.name);
  });

  it('StatefulSet → <sts>-<ordinal> with pod-name, pod-index and controller-revision-hash labels', () => {
    const [db] = expandWorkloads([statefulSet('db', 3)], emptyContext);
    expect(db.pods.map((pod) => pod.metadata!.name)).toEqual(['db-0', 'db-1', 'db-2']);
    const revision = db.pods[0].metadata!.labels!['controller-revision-hash'];
    expect(revision).toMatch(/^db-[456789bcdf]+$/);
    expect(db.pods[2].metadata!.labels).toEqual({ app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-2', 'apps.kubernetes.io/pod-index': '2', 'controller-revision-hash': revision });
    expect(db.controllers.statefulSets.map((set) => set.metadata!.name)).toEqual(['db']);
    expect(db.pods[0].metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: db.controllers.statefulSets[0].metadata!.uid, controller: true }]);
  });

  it('StatefulSet ordinals start at spec.ordinals.start', () => {
    const [db] = expandWorkloads([statefulSet('db', 2, { ordinals: { start: 5 } })], emptyContext);
    expect(db.pods.map((pod) => [pod.metadata!.name, pod.metadata!.labels!['apps.kubernetes.io/pod-index']])).toEqual([['db-5', '5'], ['db-6', '6']]);
  });

  it('ReplicaSet → pods owned by it, the ReplicaSet returned as a controller with its given uid', () => {
    const replicaSet = { ...deployment('cache', { replicas: 2 }), kind: 'ReplicaSet', metadata: { name: 'cache', uid: 'given-uid' } };
    const [cache] = expandWorkloads([replicaSet], emptyContext);
    expect(cache.controllers.replicaSets[0].metadata).toMatchObject({ name: 'cache', namespace: 'default', uid: 'given-uid' });
    expect(cache.pods.map((pod) => pod.metadata!.ownerReferences![0].uid)).toEqual(['given-uid', 'given-uid']);
    expect(cache.pods[0].metadata!.name).toMatch(/^cache-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('a Pod is itself; replicas unset means 1, 0 plans nothing and says so', () => {
    const [pod, single, none] = expandWorkloads([barePod('solo'), deployment('one'), deployment('zero', { replicas: 0 })], emptyContext);
    expect(pod.pods.map((entry) => entry.metadata!.name)).toEqual(['solo']);
    expect(pod.ref).toEqual({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'solo' });
    expect(single.pods).toHaveLength(1);
    expect(none.pods).toEqual([]);
    expect(none.warnings).toEqual([{ path: 'workloads[2].spec.replicas', message: 'replicas is 0: nothing is planned for this workload' }]);
  });

  it('expands Lists with item paths', () => {
    const expanded = expandWorkloads([{ kind: 'List', items: [barePod('a'), deployment('b')] }], emptyContext);
    expect(expanded.map((workload) => workload.path)).toEqual(['workloads[0].items[0]', 'workloads[0].items[1]']);
  });

  it('warns that volumes are only partly simulated', () => {
    const [pod] = expandWorkloads([barePod('v', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'c' } }, { name: 'tmp', emptyDir: {} }] })], emptyContext);
    expect(pod.warnings).toEqual([{ path: 'workloads[0].spec.volumes', message: expect.stringMatching(/^volumes are partly simulated \(data, tmp\): claims and their PersistentVolumes are \(VolumeBinding, VolumeZone\); attach limits and volume restrictions are not$/) }]);
    expect(pod.pods[0].spec!.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'c' } }, { name: 'tmp', emptyDir: {} }]);
  });
});

describe('expandWorkloads: API-server changes the scheduler sees', () => {
  it('merges matchLabelKeys / mismatchLabelKeys into the term selector from the pod labels (KEP-3633)', () => {
    // As pkg/registry/core/pod/strategy_test.go TestApplyMatchLabelKeysAndMismatchLabelKeys: keys the pod lacks are ignored.
    const term = { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash', 'absent'], mismatchLabelKeys: ['tenant'] };
    const workload = deployment('web', { labels: { app: 'web', tenant: 'blue' }, selector: { matchLabels: { app: 'web' } }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term], preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term }] } } } });
    const [web] = expandWorkloads([workload], emptyContext);
    const hash = web.controllers.replicaSets[0].metadata!.labels!['pod-template-hash'];
    const expected = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'pod-template-hash', operator: 'In', values: [hash] },
        { key: 'tenant', operator: 'NotIn', values: ['blue'] },
      ],
    };
    const antiAffinity = web.pods[0].spec!.affinity!.podAntiAffinity!;
    expect(antiAffinity.requiredDuringSchedulingIgnoredDuringExecution![0].labelSelector).toEqual(expected);
    expect(antiAffinity.preferredDuringSchedulingIgnoredDuringExecution![0].podAffinityTerm.labelSelector).toEqual(expected);
    expect(antiAffinity.requiredDuringSchedulingIgnoredDuringExecution![0].matchLabelKeys).toEqual(['pod-template-hash', 'absent']);
  });

  // Cases after plugin/pkg/admission/priority/admission_test.go TestPodAdmission.
  const classes: V1PriorityClass[] = [
    { metadata: { name: 'batch' }, value: 100, preemptionPolicy: 'Never' },
    { metadata: { name: 'default-high' }, value: 1000, globalDefault: true },
    { metadata: { name: 'default-low' }, value: 10, globalDefault: true },
  ];
  it.each([
    { name: 'a named class', spec: { priorityClassName: 'batch' }, classes, priority: 100, className: 'batch', preemption: 'Never' },
    { name: 'the lowest global default when several claim it', spec: {}, classes, priority: 10, className: 'default-low', preemption: 'PreemptLowerPriority' },
    { name: 'no class and no default', spec: {}, classes: [], priority: 0, className: undefined, preemption: 'PreemptLowerPriority' },
    { name: 'system-node-critical exists implicitly', spec: { priorityClassName: 'system-node-critical' }, classes: [], priority: 2_000_001_000, className: 'system-node-critical', preemption: 'PreemptLowerPriority' },
    { name: 'system-cluster-critical exists implicitly', spec: { priorityClassName: 'system-cluster-critical' }, classes: [], priority: 2_000_000_000, className: 'system-cluster-critical', preemption: 'PreemptLowerPriority' },
    { name: "the pod's own preemptionPolicy wins", spec: { priorityClassName: 'batch', preemptionPolicy: 'PreemptLowerPriority' }, classes, priority: 100, className: 'batch', preemption: 'PreemptLowerPriority' },
  ])('resolves priority from $name', ({ spec, classes: priorityClasses, priority, className, preemption }) => {
    const [pod] = expandWorkloads([barePod('p', spec)], { priorityClasses, existingPodNames: new Set() });
    expect(pod.pods[0].spec).toMatchObject({ priority, preemptionPolicy: preemption });
    expect(pod.pods[0].spec!.priorityClassName).toBe(className);
  });

  const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  // Cases after plugin/pkg/admission/defaulttolerationseconds/admission_test.go TestForgivenessAdmission.
  it.each([
    { name: 'none given: both added', given: [], expected: [notReady, unreachable] },
    { name: 'other tolerations kept, both added', given: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }], expected: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable] },
    {
      name: 'not-ready already tolerated: only unreachable added',
      given: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
      expected: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }, unreachable],
    },
    { name: 'a toleration of every taint covers both', given: [{ operator: 'Exists' }], expected: [{ operator: 'Exists' }] },
    { name: 'an empty-effect toleration covers its key', given: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }], expected: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, notReady] },
  ])('default tolerations: $name', ({ given, expected }) => {
    const [pod] = expandWorkloads([barePod('p', { tolerations: given })], emptyContext);
    expect(pod.pods[0].spec!.tolerations).toEqual(expected);
  });

  it('defaults schedulerName, hostPort under hostNetwork, and requests from limits', () => {
    const [pod] = expandWorkloads(
      [podWithSpec('net', { hostNetwork: true, containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 8080 }, { containerPort: 53, hostPort: 5353 }], resources: { limits: { 'nvidia.com/gpu': '1', cpu: '1' }, requests: { cpu: '500m' } } }] })],
      emptyContext,
    );
    const spec = pod.pods[0].spec!;
    expect(spec.schedulerName).toBe('default-scheduler');
    expect(spec.containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080 }, { containerPort: 53, hostPort: 5353 }]);
    expect(spec.containers[0].resources!.requests).toEqual({ 'nvidia.com/gpu': '1', cpu: '500m' });
  });
});

function podWithSpec(name: string, spec: Json): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec };
}

describe('expandWorkloads: refused as kubectl apply would be, every error at its path', () => {
  const antiAffinity = (term: Json): Json => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } });
  const spread = (constraint: Json): Json => ({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'p' } }, ...constraint }] });
  const specPath = 'workloads[0].spec.template.spec';
  it.each([
    { name: 'selector does not match template labels', workload: deployment('web', { selector: { matchLabels: { app: 'other' } } }), errors: [{ path: 'workloads[0].spec.template.metadata.labels', message: 'Invalid value: {"app":"web"}: `selector` does not match template `labels`' }] },
    { name: 'missing selector', workload: { ...deployment('web'), spec: { ...deployment('web').spec, selector: undefined } }, errors: [{ path: 'workloads[0].spec.selector', message: 'Required value' }] },
    { name: 'empty selector', workload: deployment('web', { selector: {} }), errors: [{ path: 'workloads[0].spec.selector', message: 'Invalid value: {}: empty selector is invalid for deployment' }] },
    { name: 'negative replicas', workload: deployment('web', { replicas: -1 }), errors: [{ path: 'workloads[0].spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' }] },
    { name: 'missing name', workload: { ...deployment('web'), metadata: {} }, errors: [{ path: 'workloads[0].metadata.name', message: 'Required value' }] },
    { name: 'no containers', workload: deployment('web', { spec: { containers: [] } }), errors: [{ path: `${specPath}.containers`, message: 'Required value' }] },
    { name: 'container without image', workload: deployment('web', { spec: { containers: [{ name: 'c' }] } }), errors: [{ path: `${specPath}.containers[0].image`, message: 'Required value' }] },
    { name: 'container without name', workload: deployment('web', { spec: { containers: [{ image: 'i' }] } }), errors: [{ path: `${specPath}.containers[0].name`, message: 'Required value' }] },
    {
      name: 'request above limit',
      workload: deployment('web', { spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] } }),
      errors: [{ path: `${specPath}.containers[0].resources.requests.cpu`, message: 'Invalid value: "2": must be less than or equal to cpu limit of 1' }],
    },
    { name: 'invalid quantity', workload: deployment('web', { spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { memory: '12XB' } } }] } }), errors: [{ path: `${specPath}.containers[0].resources.requests.memory`, message: expect.stringContaining('Invalid value: "12XB"') }] },
    {
      name: 'required affinity term without topologyKey',
      workload: deployment('web', { spec: antiAffinity({ labelSelector: { matchLabels: { app: 'web' } } }) }),
      errors: [{ path: `${specPath}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey`, message: 'Required value: can not be empty' }],
    },
    {
      name: 'preferred weight out of range',
      workload: deployment('web', { spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'zone', labelSelector: {} } }] } } } }),
      errors: [{ path: `${specPath}.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight`, message: 'Invalid value: 0: must be in the range 1-100' }],
    },
    {
      name: 'node affinity Gt with two values',
      workload: deployment('web', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['1', '2'] }] }] } } } } }),
      errors: [{ path: `${specPath}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values`, message: "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'" }],
    },
    {
      name: 'the same key in matchLabelKeys and mismatchLabelKeys',
      workload: deployment('web', { spec: antiAffinity({ topologyKey: 'zone', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['tier'], mismatchLabelKeys: ['tier'] }) }),
      errors: [{ path: `${specPath}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]`, message: 'Invalid value: "tier": exists in both matchLabelKeys and mismatchLabelKeys' }],
    },
    {
      name: 'a matchLabelKeys key also in the labelSelector',
      workload: deployment('web', { spec: antiAffinity({ topologyKey: 'zone', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['app'] }) }),
      errors: [{ path: `${specPath}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]`, message: 'Invalid value: "app": exists in both matchLabelKeys and labelSelector' }],
    },
    {
      name: 'matchLabelKeys without a labelSelector',
      workload: deployment('web', { spec: antiAffinity({ topologyKey: 'zone', matchLabelKeys: ['app'] }) }),
      errors: [{ path: `${specPath}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys`, message: 'Forbidden: must not be specified when labelSelector is not set' }],
    },
    { name: 'maxSkew 0', workload: deployment('web', { spec: spread({ maxSkew: 0 }) }), errors: [{ path: `${specPath}.topologySpreadConstraints[0].maxSkew`, message: 'Invalid value: 0: must be greater than zero' }] },
    { name: 'missing topologyKey', workload: deployment('web', { spec: spread({ topologyKey: '' }) }), errors: [{ path: `${specPath}.topologySpreadConstraints[0].topologyKey`, message: 'Required value: can not be empty' }] },
    {
      name: 'whenUnsatisfiable outside the enum',
      workload: deployment('web', { spec: spread({ whenUnsatisfiable: 'Sometimes' }) }),
      errors: [{ path: `${specPath}.topologySpreadConstraints[0].whenUnsatisfiable`, message: 'Unsupported value: "Sometimes": supported values: "DoNotSchedule", "ScheduleAnyway"' }],
    },
    {
      name: 'minDomains with ScheduleAnyway',
      workload: deployment('web', { spec: spread({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }) }),
      errors: [{ path: `${specPath}.topologySpreadConstraints[0].minDomains`, message: 'Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway' }],
    },
    { name: 'minDomains 0', workload: deployment('web', { spec: spread({ minDomains: 0 }) }), errors: [{ path: `${specPath}.topologySpreadConstraints[0].minDomains`, message: 'Invalid value: 0: must be greater than zero' }] },
    {
      name: 'nodeTaintsPolicy outside the enum',
      workload: deployment('web', { spec: spread({ nodeTaintsPolicy: 'Always' }) }),
      errors: [{ path: `${specPath}.topologySpreadConstraints[0].nodeTaintsPolicy`, message: 'Unsupported value: "Always": supported values: "Honor", "Ignore"' }],
    },
    {
      name: 'toleration Exists with a value',
      workload: deployment('web', { spec: { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] } }),
      errors: [{ path: `${specPath}.tolerations[0].operator`, message: expect.stringContaining("value must be empty when `operator` is 'Exists'") }],
    },
    {
      name: 'toleration effect outside the enum',
      workload: deployment('web', { spec: { tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoRun' }] } }),
      errors: [{ path: `${specPath}.tolerations[0].effect`, message: 'Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' }],
    },
    { name: 'unknown priority class', workload: deployment('web', { spec: { priorityClassName: 'gold' } }), errors: [{ path: `${specPath}.priorityClassName`, message: 'no PriorityClass with name gold was found' }] },
    {
      name: 'a hand-set priority that disagrees with the class',
      workload: podWithSpec('p', { priority: 5, containers: [{ name: 'c', image: 'i' }] }),
      errors: [{ path: 'workloads[0].spec.priority', message: 'the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name' }],
    },
    {
      name: 'an unsupported kind',
      workload: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' } },
      errors: [{ path: 'workloads[0].kind', message: 'Unsupported value: "apps/v1 DaemonSet": supported values: "apps/v1 Deployment", "apps/v1 ReplicaSet", "apps/v1 StatefulSet", "v1 Pod"' }],
    },
  ])('$name', ({ workload, errors }) => {
    expect(expansionErrors([workload])).toEqual(errors);
  });

  it('refuses a bare pod whose name exists, and collects errors of every workload', () => {
    const errors = expansionErrors([barePod('taken'), deployment('bad', { selector: { matchLabels: { app: 'x' } } }), 'junk'], { priorityClasses: [], existingPodNames: new Set(['default/taken']) });
    expect(errors).toEqual([
      { path: 'workloads[2]', message: 'must be a Kubernetes object' },
      { path: 'workloads[0].metadata.name', message: 'pods "taken" already exists in namespace "default"' },
      { path: 'workloads[1].spec.template.metadata.labels', message: expect.stringContaining('`selector` does not match template `labels`') },
    ]);
  });
});

/*
 * Every workload manifest in the realdata folder (see ../shared/realdata/SOURCES.md, section B, and
 * kubevious-gke/workloads) expands without error; DaemonSets there are not workloads podplan plans.
 */
const PLANNED_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'Pod']);
const files = [...realdataFiles('workloads'), ...realdataFiles('kubevious-gke/workloads')];

function workloadsIn(path: string): { kind: string }[] {
  return (parseDocuments(readRealdata(path), formatOf(path)) as { kind: string }[]).filter((document) => PLANNED_KINDS.has(document.kind));
}

// expandWorkloads on real manifests: one case per capture present, so the suite passes (with fewer cases) where ../shared/realdata is absent.
it.each(files.filter((path) => workloadsIn(path).length > 0).map((path) => ({ path })))('$path', ({ path }) => {
  const expanded = expandWorkloads(workloadsIn(path), { priorityClasses: [], existingPodNames: new Set() });
  for (const workload of expanded) {
    expect(workload.pods).toHaveLength(workload.replicas);
    for (const pod of workload.pods) {
      expect(pod.spec!.schedulerName).toBeTruthy();
      if (workload.ref.kind === 'Deployment') expect(pod.metadata!.labels).toHaveProperty(['pod-template-hash']);
      if (workload.ref.kind === 'StatefulSet') expect(pod.metadata!.labels).toHaveProperty(['statefulset.kubernetes.io/pod-name'], pod.metadata!.name);
    }
  }
});

it.each((files.includes('workloads/k8s-website-examples/zookeeper.yaml')) ? [{ present: true }] : [])('zookeeper StatefulSet: zk-0..2 with its (mismatched) anti-affinity kept as written', () => {
  const [zk] = expandWorkloads(workloadsIn('workloads/k8s-website-examples/zookeeper.yaml'), { priorityClasses: [], existingPodNames: new Set() });
  expect(zk.pods.map((pod) => pod.metadata!.name)).toEqual(['zk-0', 'zk-1', 'zk-2']);
  const term = zk.pods[0].spec!.affinity!.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution![0];
  expect(term.labelSelector!.matchExpressions).toEqual([{ key: 'app', operator: 'In', values: ['zk'] }]);
});

it.each((files.includes('workloads/karpenter-examples/gpu-nvidia.yaml')) ? [{ present: true }] : [])('karpenter gpu example: the GPU limit becomes the request', () => {
  const documents = workloadsIn('workloads/karpenter-examples/gpu-nvidia.yaml').map((document) => ({ ...document, spec: { ...(document as any).spec, replicas: 1 } }));
  const [gpu] = expandWorkloads(documents, { priorityClasses: [], existingPodNames: new Set() });
  expect(gpu.pods[0].spec!.containers[0].resources!.requests).toHaveProperty(['nvidia.com/gpu']);
});
