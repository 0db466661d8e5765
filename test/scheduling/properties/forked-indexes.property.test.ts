/**
 * Cluster forks share their parent's pod label index and term indexes as a
 * layer of their own edits (model/pod-label-index.ts,
 * model/term-selector-index.ts). Every answer of a fork's index, and of its
 * parent's after the fork, must be the one an index built from scratch from
 * that cluster's nodes gives, and no cluster may see another's edits. The
 * random cases run seeded edit sequences over a growing family of clusters
 * — forks of the root and of forks, deep enough that layers are folded —
 * binding new pods (many labels, terminating pods, two namespaces, every
 * kind of affinity term), removing pods, relabelling pods (the same pod
 * bound again with other labels), moving a pod to another node, relabelling
 * nodes and removing nodes, on parents after their forks as well as on
 * forks. After every step each live cluster's pods are checked against a
 * model of what it should hold, and its index's answers against a fresh
 * index's, for a fixed set of selectors and label sets.
 */
import type { V1LabelSelector, V1Pod, V1PodAffinityTerm } from '@kubernetes/client-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLabelSelector, type Labels } from '../../../src/kube/label-selector.js';
import type { ClusterState } from '../../../src/scheduling/model/cluster-state.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { PodLabelIndex } from '../../../src/scheduling/model/pod-label-index.js';
import { clusterOf, makeNode, makePod, type PodBuilder } from '../../support/builders.js';

const HOSTNAME = 'kubernetes.io/hostname';
const APPS = ['a0', 'a1', 'a2', 'a3'];
const INSTANCES = 8;
const EXTRA_KEYS = ['k0', 'k1', 'k2'];
const NAMESPACES = ['default', 'other'];

const SELECTORS: V1LabelSelector[] = [
  { matchLabels: { app: 'a0' } },
  { matchLabels: { app: 'a1' } },
  { matchLabels: { instance: 'i3' } },
  { matchExpressions: [{ key: 'instance', operator: 'In', values: ['i1', 'i5', 'i1'] }] },
  { matchExpressions: [{ key: 'k0', operator: 'Exists' }] },
  { matchExpressions: [{ key: 'k2', operator: 'Exists' }] },
  { matchLabels: { app: 'a2' }, matchExpressions: [{ key: 'k1', operator: 'Exists' }] },
  { matchLabels: { app: 'a3', instance: 'i0' } },
  { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a0'] }] },
  { matchExpressions: [{ key: 'k1', operator: 'DoesNotExist' }, { key: 'app', operator: 'In', values: ['a1', 'a2'] }] },
  { matchLabels: { app: 'missing' } },
  {},
];
const COMPILED = SELECTORS.map((selector) => compileLabelSelector(selector));
const QUERY_SELECTORS = [...COMPILED, compileLabelSelector(undefined)];
const QUERY_LABELS: Labels[] = [
  {},
  { app: 'a0' },
  { app: 'a1', instance: 'i3' },
  { app: 'a2', instance: 'i1', k1: 'v0' },
  { instance: 'i5', k0: 'v1', k2: 'v2' },
  { app: 'a3', instance: 'i0', k0: 'v0', k1: 'v1', k2: 'v2' },
];

const termArbitrary = fc.record({
  kind: fc.constantFrom('anti', 'affinity', 'preferred-affinity', 'preferred-anti'),
  selector: fc.nat({ max: SELECTORS.length - 1 }),
});

const podArbitrary = fc.record({
  app: fc.option(fc.constantFrom(...APPS), { nil: undefined, freq: 6 }),
  instance: fc.nat({ max: INSTANCES - 1 }),
  extra: fc.subarray(EXTRA_KEYS),
  namespace: fc.constantFrom(...NAMESPACES),
  terminating: fc.constantFrom(false, false, false, true),
  terms: fc.array(termArbitrary, { maxLength: 2 }),
});

type PodSpec = typeof podArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** `cluster`, `node`, `pod`: picks among what exists when the step runs (modulo the count). */
const stepArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('fork' as const), cluster: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('bind' as const), cluster: fc.nat(), node: fc.nat(), pod: podArbitrary }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('remove' as const), cluster: fc.nat(), pod: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('relabel' as const), cluster: fc.nat(), pod: fc.nat(), labels: podArbitrary }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('move' as const), cluster: fc.nat(), pod: fc.nat(), node: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('relabel-node' as const), cluster: fc.nat(), node: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove-nodes' as const), cluster: fc.nat(), nodes: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }) },
);

const caseArbitrary = fc.record({
  nodes: fc.integer({ min: 1, max: 7 }),
  existing: fc.array(fc.tuple(fc.nat(), podArbitrary), { maxLength: 25 }),
  steps: fc.array(stepArbitrary, { minLength: 20, maxLength: 50 }),
});

type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

/**
 * The same edits over a root of 220–260 pods: at most 50 steps, each at most
 * two edits (a relabel or a move hides and files), never reach half the
 * root's pods, so a fold past MAX_DEPTH replays the layers' edits over the
 * root; with the small roots above it builds a fresh index instead.
 */
const largeRootCaseArbitrary = fc.record({
  nodes: fc.integer({ min: 1, max: 7 }),
  existing: fc.array(fc.tuple(fc.nat(), podArbitrary), { minLength: 220, maxLength: 260 }),
  steps: fc.array(stepArbitrary, { minLength: 20, maxLength: 50 }),
});

function withTerm(builder: PodBuilder, term: PodSpec['terms'][number]): PodBuilder {
  const extra: Partial<V1PodAffinityTerm> = { labelSelector: SELECTORS[term.selector] };
  switch (term.kind) {
    case 'anti':
      return builder.podAntiAffinity(HOSTNAME, {}, extra);
    case 'affinity':
      return builder.podAffinity(HOSTNAME, {}, extra);
    case 'preferred-affinity':
      return builder.preferredPodAffinity(10, HOSTNAME, {}, extra);
    default:
      return builder.preferredPodAntiAffinity(10, HOSTNAME, {}, extra);
  }
}

function podOf(name: string, spec: PodSpec, nodeName: string): V1Pod {
  const labels: Record<string, string> = { instance: `i${spec.instance}` };
  if (spec.app) labels.app = spec.app;
  for (const key of spec.extra) labels[key] = `v${spec.instance % 3}`;
  let builder = makePod(name).namespace(spec.namespace).labels(labels).container({ cpu: '10m' }).node(nodeName);
  for (const term of spec.terms) builder = withTerm(builder, term);
  const pod = builder.obj();
  if (spec.terminating) pod.metadata!.deletionTimestamp = new Date(0);
  return pod;
}

/** What a cluster should hold: node name → pod keys. */
type Holding = Map<string, string[]>;

const sorted = <T>(values: Iterable<T>): T[] => [...values].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
const countsOf = (counts: ReadonlyMap<string, number> | undefined) => (counts === undefined ? undefined : sorted(counts.entries()));

/** Every answer of `index`, in a form that does not depend on the order of insertion. */
function answers(index: PodLabelIndex) {
  return {
    counts: QUERY_SELECTORS.flatMap((selector) => NAMESPACES.map((namespace) => countsOf(index.matchingCounts(selector, namespace)))),
    holding: QUERY_SELECTORS.map((selector) => {
      const nodes = index.nodesHoldingCandidates([selector]);
      return nodes === undefined ? undefined : sorted(nodes);
    }),
    holdingPairs: [index.nodesHoldingCandidates([COMPILED[0], COMPILED[4]]), index.nodesHoldingCandidates([COMPILED[2], COMPILED[3], COMPILED[6]])].map((nodes) => (nodes === undefined ? undefined : sorted(nodes))),
    affinityPods: index.affinityPodCount,
    requiredAntiAffinityPods: index.requiredAntiAffinityPodCount,
    nodesWithAffinity: sorted(index.nodesWithAffinityPods()),
    nodesWithRequiredAntiAffinity: sorted(index.nodesWithRequiredAntiAffinityPods()),
    antiAffinitySelecting: QUERY_LABELS.map((labels) => sorted(index.nodesWithRequiredAntiAffinitySelecting(labels))),
    scoringSelecting: QUERY_LABELS.map((labels) => sorted(index.nodesWithScoringTermsSelecting(labels))),
  };
}

function holdingOf(cluster: ClusterState): Holding {
  return new Map(cluster.nodes.map((node) => [node.name, sorted(node.pods.map((pod) => pod.key))]));
}

function expectAsBuiltFromScratch(cluster: ClusterState, expected: Holding): void {
  expect(sorted(holdingOf(cluster).entries())).toEqual(sorted(expected.entries()));
  expect(answers(cluster.podLabelIndex()!)).toEqual(answers(PodLabelIndex.of(cluster.nodes)));
}

function runCase({ nodes: nodeCount, existing, steps }: Case): { forks: number; edits: number } {
  const nodes = Array.from({ length: nodeCount }, (_, index) => makeNode(`n${index}`).labels({ [HOSTNAME]: `n${index}` }).obj());
  const pods = existing.map(([node, spec], position) => podOf(`e${position}`, spec, `n${node % nodeCount}`));
  const clusters: { cluster: ClusterState; holding: Holding }[] = [{ cluster: clusterOf(nodes, pods), holding: new Map() }];
  clusters[0].holding = holdingOf(clusters[0].cluster);
  let created = 0;
  let forks = 0;
  let edits = 0;
  for (const step of steps) {
    const entry = clusters[step.cluster % clusters.length];
    const { cluster, holding } = entry;
    const names = cluster.nodes.map((node) => node.name);
    const bound = cluster.nodes.flatMap((node) => node.pods.map((pod) => ({ pod, node: node.name })));
    switch (step.op) {
      case 'fork': {
        const fork = cluster.fork();
        clusters.push({ cluster: fork, holding: new Map([...holding].map(([name, keys]) => [name, [...keys]])) });
        forks++;
        break;
      }
      case 'bind': {
        if (names.length === 0) continue;
        const nodeName = names[step.node % names.length];
        const pod = buildPodInfo(podOf(`p${created++}`, step.pod, nodeName));
        cluster.addPod(pod, nodeName);
        holding.set(nodeName, sorted([...holding.get(nodeName)!, pod.key]));
        break;
      }
      case 'remove':
      case 'relabel':
      case 'move': {
        if (bound.length === 0) continue;
        const { pod, node } = bound[step.pod % bound.length];
        cluster.removePod(pod.key, node);
        holding.set(node, holding.get(node)!.filter((key) => key !== pod.key));
        if (step.op === 'remove') break;
        const target = step.op === 'move' ? names[step.node % names.length] : node;
        const next = step.op === 'move' ? pod : buildPodInfo(podOf(pod.name, { ...step.labels, namespace: pod.namespace }, node));
        cluster.addPod(next, target);
        holding.set(target, sorted([...holding.get(target)!, next.key]));
        break;
      }
      case 'relabel-node': {
        if (names.length === 0) continue;
        const name = names[step.node % names.length];
        cluster.updateNode(name, (node) => ({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata!.labels, edited: `${created++}` } } }));
        break;
      }
      case 'remove-nodes': {
        const removed = [...new Set(step.nodes.filter(() => names.length > 0).map((node) => names[node % names.length]))];
        cluster.removeNodes(removed);
        for (const name of removed) holding.delete(name);
        break;
      }
    }
    edits++;
    // Not after every step: some clusters then take several edits, or a fork, before their index is asked for.
    if (edits % 3 === 0) for (const other of clusters) expectAsBuiltFromScratch(other.cluster, other.holding);
  }
  for (const other of clusters) expectAsBuiltFromScratch(other.cluster, other.holding);
  return { forks, edits };
}

/** 300 seeded cases in three batches of 100. */
const SEEDS = [1414, 1415, 1416];

describe('forks share the pod label and term indexes and answer as indexes built from scratch', () => {
  it.each(SEEDS)('100 random edit sequences over a family of forks, seed %i', (seed) => {
    let forks = 0;
    let edits = 0;
    fc.assert(
      fc.property(caseArbitrary, (testCase) => {
        const exercised = runCase(testCase);
        forks += exercised.forks;
        edits += exercised.edits;
      }),
      { seed, numRuns: 100 },
    );
    // Meaningful only if many forks were taken and edited.
    expect(forks).toBeGreaterThan(300);
    expect(edits).toBeGreaterThan(1500);
  }, 300_000);

  it('100 random edit sequences over a family of forks of a large root, whose folds replay edits', () => {
    let forks = 0;
    fc.assert(
      fc.property(largeRootCaseArbitrary, (testCase) => {
        forks += runCase(testCase).forks;
      }),
      { seed: 1417, numRuns: 100 },
    );
    expect(forks).toBeGreaterThan(300);
  }, 300_000);
});
