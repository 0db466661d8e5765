/**
 * The one-by-one path for pods that are NOT runs of identical replicas
 * (issue 14) is optimised — selector counts and affinity tallies from the
 * plan's pod label index (model/pod-label-index.ts), node-local results kept
 * by node position only for signatures that repeat, node-static filter
 * verdicts and scores kept per signature of the fields they read
 * (framework/node-static-results.ts) — and those optimisations must change no
 * decision. The reference is scheduleOne as it was: no replica runs, no
 * node-result reuse (local or static), every selector matched node by node
 * (`indexPodLabels: false`). On random clusters and mixes of distinct pods
 * (own and shared labels, selectors the index can and cannot answer,
 * tolerations of NoSchedule and PreferNoSchedule taints, node affinity,
 * host ports, one or two images, init containers, extended resources,
 * priorities with preemption, owners whose default spreading applies), in
 * exhaustive and faithful mode, every decision — node, score, per-plugin
 * parts, rejection counts, messages, preemption victims — is the same.
 */
import type { V1LabelSelector, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/scheduling/config/build-profile.js';
import { Planner } from '../../../src/scheduling/planner/planner.js';
import { clusterOf, makeNamespace, makeNode, makePod, type PodBuilder } from '../../support/builders.js';

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const IMAGE = 'registry.example/app:1';
const APPS = ['web', 'db', 'cache', 'queue', 'solo-1', 'solo-2', 'solo-3', 'solo-4'];
const GPU = 'example.com/gpu';

const nodeArbitrary = fc.record({
  cpu: fc.constantFrom('1', '2', '4'),
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined, freq: 6 }),
  tainted: fc.boolean(),
  preferAvoided: fc.constantFrom(false, false, true),
  pool: fc.constantFrom('general', 'batch'),
  gpus: fc.constantFrom(0, 0, 2),
  image: fc.boolean(),
  cordoned: fc.constantFrom(false, false, false, true),
  existing: fc.array(
    fc.record({
      app: fc.constantFrom(...APPS),
      tier: fc.constantFrom('front', 'back'),
      namespace: fc.constantFrom('default', 'default', 'other'),
      priority: fc.constantFrom(0, 0, 100),
      affinity: fc.constantFrom('none', 'none', 'anti-web-host', 'preferred-db-zone', 'required-cache-zone', 'anti-tier-zone'),
      terminating: fc.constantFrom(false, false, false, true),
    }),
    { maxLength: 3 },
  ),
});

const ruleArbitrary = fc.constantFrom(
  'none',
  'anti-self-host',
  'anti-app-zone',
  'affinity-app-zone',
  'preferred-affinity-app-host',
  'preferred-anti-tier-zone',
  'anti-exists-host',
  'anti-notin-zone',
  'spread-self-zone-hard',
  'spread-tier-host-hard',
  'spread-self-zone-soft',
  'spread-notin-zone-soft',
  'spread-exists-host-soft',
  'node-affinity',
  'node-selector',
  'preferred-node-affinity',
  'host-port',
  'tolerates',
  'tolerates-avoided',
  'tolerates-everything',
  'second-image',
  'init-container',
  'gpu',
);

const podArbitrary = fc.record({
  app: fc.constantFrom(...APPS),
  tier: fc.constantFrom('front', 'back'),
  namespace: fc.constantFrom('default', 'default', 'default', 'other'),
  cpu: fc.constantFrom('100m', '300m', '700m', '1500m'),
  priority: fc.constantFrom(0, 0, 1000),
  owned: fc.boolean(),
  image: fc.constantFrom(IMAGE, 'registry.example/other:2'),
  rules: fc.array(ruleArbitrary, { maxLength: 3 }),
});

type PodSpecCase = typeof podArbitrary extends fc.Arbitrary<infer T> ? T : never;
type NodeSpecCase = typeof nodeArbitrary extends fc.Arbitrary<infer T> ? T : never;

const notIn = (key: string, values: string[]): V1LabelSelector => ({ matchExpressions: [{ key, operator: 'NotIn', values }] });
const exists = (key: string): V1LabelSelector => ({ matchExpressions: [{ key, operator: 'Exists' }] });

function withRule(builder: PodBuilder, rule: string, pod: PodSpecCase, name: string): PodBuilder {
  const self = { app: pod.app, instance: name };
  switch (rule) {
    case 'anti-self-host':
      return builder.podAntiAffinity(HOSTNAME, { app: pod.app });
    case 'anti-app-zone':
      return builder.podAntiAffinity(ZONE, { app: 'db' });
    case 'affinity-app-zone':
      return builder.podAffinity(ZONE, { app: 'cache' });
    case 'preferred-affinity-app-host':
      return builder.preferredPodAffinity(5, HOSTNAME, { app: 'web' });
    case 'preferred-anti-tier-zone':
      return builder.preferredPodAntiAffinity(3, ZONE, { tier: pod.tier });
    case 'anti-exists-host':
      return builder.podAntiAffinity(HOSTNAME, {}, { labelSelector: exists('instance') });
    case 'anti-notin-zone':
      return builder.podAntiAffinity(ZONE, {}, { labelSelector: notIn('tier', ['front']) });
    case 'spread-self-zone-hard':
      return builder.spreadConstraint(1, ZONE, 'DoNotSchedule', { matchLabels: self });
    case 'spread-tier-host-hard':
      return builder.spreadConstraint(1, HOSTNAME, 'DoNotSchedule', { matchLabels: { tier: pod.tier } });
    case 'spread-self-zone-soft':
      return builder.spreadConstraint(1, ZONE, 'ScheduleAnyway', { matchLabels: { app: pod.app } }, { nodeTaintsPolicy: 'Honor' });
    case 'spread-notin-zone-soft':
      return builder.spreadConstraint(2, ZONE, 'ScheduleAnyway', notIn('app', ['web']));
    case 'spread-exists-host-soft':
      return builder.spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', exists('tier'));
    case 'node-affinity':
      return builder.nodeAffinityIn('pool', ['general']);
    case 'node-selector':
      return builder.nodeSelector({ pool: 'batch' });
    case 'preferred-node-affinity':
      return builder.preferredNodeTerm(10, { matchExpressions: [{ key: 'pool', operator: 'In', values: ['batch'] }] });
    case 'host-port':
      return builder.hostPort(8080);
    case 'tolerates':
      return builder.toleration({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' });
    case 'tolerates-avoided':
      return builder.toleration({ key: 'spot', operator: 'Equal', value: 'true', effect: 'PreferNoSchedule' });
    case 'tolerates-everything':
      return builder.toleration({ operator: 'Exists' });
    case 'second-image':
      return builder.container({ cpu: '10m' }, undefined, 'registry.example/sidecar:3');
    case 'init-container':
      return builder.initContainer({ cpu: '1200m' });
    case 'gpu':
      return builder.container({ [GPU]: '1' });
    default:
      return builder;
  }
}

function existingPods(spec: NodeSpecCase, index: number): V1Pod[] {
  return spec.existing.map((pod, count) => {
    const builder = makePod(`e${index}-${count}`)
      .namespace(pod.namespace)
      .node(`n${index}`)
      .labels({ app: pod.app, tier: pod.tier, instance: `e${index}-${count}` })
      .req({ cpu: '300m' })
      .priority(pod.priority);
    if (pod.affinity === 'anti-web-host') builder.podAntiAffinity(HOSTNAME, { app: 'web' });
    if (pod.affinity === 'preferred-db-zone') builder.preferredPodAffinity(4, ZONE, { app: 'db' });
    if (pod.affinity === 'required-cache-zone') builder.podAffinity(ZONE, { app: 'cache' });
    if (pod.affinity === 'anti-tier-zone') builder.podAntiAffinity(ZONE, { tier: 'back' });
    const object = builder.obj();
    if (pod.terminating) object.metadata!.deletionTimestamp = new Date('2026-01-01T00:00:00Z');
    return object;
  });
}

function replicaSet(app: string, namespace: string): V1ReplicaSet {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `rs-${app}`, namespace }, spec: { selector: { matchLabels: { app } }, template: {} } };
}

interface Case {
  readonly nodes: readonly NodeSpecCase[];
  readonly pods: readonly PodSpecCase[];
  readonly explain: 'summary' | 'full';
  readonly mode: 'exhaustive' | 'faithful';
}

/** Plans the case on the optimised path and on the reference, compares every decision; returns what was exercised. */
function expectSameDecisions({ nodes: nodeSpecs, pods: podSpecs, explain, mode }: Case): { placed: number; preemptions: number } {
  const nodes = nodeSpecs.map((spec, index) => {
    const builder = makeNode(`n${index}`)
      .labels({ [HOSTNAME]: `n${index}`, pool: spec.pool, ...(spec.zone ? { [ZONE]: spec.zone } : {}) })
      .capacity({ cpu: spec.cpu, memory: '8Gi', pods: '6', ...(spec.gpus > 0 ? { [GPU]: String(spec.gpus) } : {}) });
    if (spec.tainted) builder.taint('dedicated', 'x', 'NoSchedule');
    if (spec.preferAvoided) builder.taint('spot', 'true', 'PreferNoSchedule');
    if (spec.image) builder.image([IMAGE], 300 * 1024 * 1024);
    if (spec.image && spec.preferAvoided) builder.image(['registry.example/sidecar:3'], 120 * 1024 * 1024);
    if (spec.cordoned) builder.unschedulable();
    return builder.obj();
  });
  const existing = nodeSpecs.flatMap((spec, index) => existingPods(spec, index));
  const pods = podSpecs.map((spec, position) => {
    const name = `p${position}`;
    let builder = makePod(name)
      .namespace(spec.namespace)
      .labels({ app: spec.app, tier: spec.tier, instance: name })
      .container({ cpu: spec.cpu }, undefined, spec.image)
      .priority(spec.priority);
    if (spec.owned) builder = builder.owner('ReplicaSet', `rs-${spec.app}`);
    for (const rule of spec.rules) builder = withRule(builder, rule, spec, name);
    return builder.obj();
  });
  const cluster = clusterOf(nodes, existing, {
    namespaces: [makeNamespace('default', { team: 'a' }), makeNamespace('other', { team: 'b' })],
    replicaSets: APPS.flatMap((app) => [replicaSet(app, 'default'), replicaSet(app, 'other')]),
  });
  const planner = new Planner(buildProfile(undefined));
  const options = { explain, mode, rescheduleEvicted: true };
  const optimised = planner.plan(cluster, pods, options).decisions;
  const reference = planner.plan(cluster, pods, { ...options, replicaRuns: false, reuseNodeResults: false, indexPodLabels: false }).decisions;
  expect(optimised).toEqual(reference);
  return {
    placed: optimised.filter((decision) => decision.node !== null).length,
    preemptions: optimised.filter((decision) => decision.preemption !== undefined).length,
  };
}

const caseArbitrary = fc.record({
  nodes: fc.array(nodeArbitrary, { minLength: 1, maxLength: 10 }),
  pods: fc.array(podArbitrary, { minLength: 1, maxLength: 14 }),
  explain: fc.constantFrom('summary' as const, 'summary' as const, 'full' as const),
  mode: fc.constantFrom('exhaustive' as const, 'exhaustive' as const, 'exhaustive' as const, 'faithful' as const),
});

/** 500 seeded cases in five batches of 100 (each its own seed), so no single test runs for minutes on a busy machine. */
const SEEDS = [20261202, 20261203, 20261204, 20261205, 20261206];

describe('distinct pods get exactly the decisions of the reference scheduleOne', () => {
  it.each(SEEDS)('100 random clusters and pod mixes, seed %i', (seed) => {
    let placed = 0;
    let preemptions = 0;
    fc.assert(
      fc.property(caseArbitrary, (testCase) => {
        const exercised = expectSameDecisions(testCase);
        placed += exercised.placed;
        preemptions += exercised.preemptions;
      }),
      { seed, numRuns: 100 },
    );
    // The comparison means something only if many pods were placed and some preempted.
    expect(placed).toBeGreaterThan(200);
    expect(preemptions).toBeGreaterThan(3);
  }, 300_000);
});
