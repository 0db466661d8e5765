/**
 * Consolidation on hand-solvable clusters (exact answers), the drainability
 * rules switched on and off, prices, zones and time budgets; and the
 * property that every answer, replayed as a scenario through the public
 * simulation path (removeNodes + the evicted pods as workloads), places
 * every evicted pod where the answer says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import type { V1Pod } from '@kubernetes/client-node';
import type { ConsolidationResult } from '../../src/what-if/consolidation/consolidation-result.js';
import { inRunOrder } from '../../src/what-if/consolidation/run-order.js';
import { BOUNDS, consolidate, HOST, node, nodeGroup, pdb, pod, ZONE } from './right-sizing-fixtures.js';

const kept = (result: ConsolidationResult) => Object.fromEntries(result.kept.map((entry) => [entry.node, entry.because]));
const removed = (result: ConsolidationResult) => result.removable.map((entry) => entry.node);

describe('consolidation: hand-solvable clusters', () => {
  it('six half-empty nodes: exactly three go, the other three are full and say why', () => {
    const objects = [1, 2, 3, 4, 5, 6].flatMap((index) => [node(`n${index}`), pod(`p${index}`, `n${index}`, { cpu: '2' })]);
    const result = consolidate({ cluster: { objects } });
    expect(removed(result)).toEqual(['n1', 'n2', 'n3']);
    expect(result.removable.map((entry) => entry.order)).toEqual([1, 2, 3]);
    expect(result.removable.flatMap((entry) => entry.evicted.map((evicted) => evicted.to)).sort()).toEqual(['n4', 'n5', 'n6']);
    expect(kept(result)).toEqual({ n4: 'FailedScheduling', n5: 'FailedScheduling', n6: 'FailedScheduling' });
    expect(result.kept[0].message).toBe(
      '0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
    expect(result.before).toMatchObject({ nodes: 6, pods: 6, cpu: { mean: 0.5 } });
    expect(result.after).toMatchObject({ nodes: 3, pods: 6, cpu: { mean: 1, min: 1 } });
    expect(result.verified).toBe(true);
  });

  it('a PDB with one disruption keeps one of the two nodes its pods run on', () => {
    const objects = [
      node('n1'),
      node('n2'),
      node('n3'),
      pod('db-0', 'n1', { labels: { app: 'db' } }),
      pod('db-1', 'n2', { labels: { app: 'db' } }),
      pod('web', 'n3'),
      pdb('db', { app: 'db' }, { disruptionsAllowed: 1 }),
    ];
    const result = consolidate({ cluster: { objects } });
    expect(removed(result)).toEqual(['n1', 'n3']);
    expect(result.kept).toEqual([
      { node: 'n2', because: 'NotEnoughPdb', rule: 'pdb', pod: 'default/db-1', reason: 'not enough pod disruption budget (default/db) to move default/db-1', message: null },
    ]);
    expect(result.pdbDisruptions).toEqual([{ namespace: 'default', name: 'db', allowed: 1, used: 1 }]);
    // Without PDBs, two of the three go (the third holds everyone), and the budget is overdrawn.
    const ignored = consolidate({ cluster: { objects }, respectPdbs: false });
    expect(removed(ignored)).toEqual(['n1', 'n2']);
    expect(ignored.pdbDisruptions).toEqual([{ namespace: 'default', name: 'db', allowed: 1, used: 2 }]);
  });

  it('required anti-affinity pins each of its pods to a node of its own', () => {
    const antiAffinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, labelSelector: { matchLabels: { app: 'x' } } }] } };
    const objects = [
      ...[1, 2, 3].flatMap((index) => [node(`n${index}`), pod(`x-${index}`, `n${index}`, { labels: { app: 'x' }, spec: { affinity: antiAffinity } })]),
      node('n4'),
      pod('y', 'n4', { cpu: '100m' }),
    ];
    const result = consolidate({ cluster: { objects } });
    expect(removed(result)).toEqual(['n4']);
    expect(result.kept.map((entry) => [entry.node, entry.pod, entry.message])).toEqual([
      ['n1', 'default/x-1', "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."],
      ['n2', 'default/x-2', "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."],
      ['n3', 'default/x-3', "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."],
    ]);
  });

  it('each blocking rule keeps its node until switched off; DaemonSet and mirror pods go with their node', () => {
    const objects = [
      node('big', { cpu: '16' }),
      pod('filler', 'big', { cpu: '8' }),
      node('a'),
      pod('bare', 'a', { owner: null }),
      node('b'),
      pod('dns', 'b', { namespace: 'kube-system' }),
      node('c'),
      pod('pinned', 'c', { annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' } }),
      node('d'),
      pod('cache', 'd', { volumes: [{ name: 'tmp', emptyDir: {} }] }),
      node('e'),
      pod('logs-e', 'e', { owner: 'DaemonSet/logs' }),
      pod('etcd-e', 'e', { owner: 'Node/e', annotations: { 'kubernetes.io/config.mirror': 'x' } }),
      pod('web', 'e'),
    ];
    const on = consolidate({ cluster: { objects }, candidates: '!never' });
    expect(kept(on)).toMatchObject({ a: 'NotReplicated', b: 'UnmovableKubeSystemPod', c: 'NotSafeToEvictAnnotation', d: 'LocalStorageRequested' });
    const e = on.removable.find((entry) => entry.node === 'e')!;
    expect(e.evicted.map((evicted) => evicted.pod)).toEqual(['web']);
    expect(e.goneWithNode).toEqual(['default/etcd-e', 'default/logs-e']);
    const off = consolidate({ cluster: { objects }, rules: { replicated: false, system: false, notSafeToEvict: false, localStorage: false } });
    expect(removed(off).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('candidates limit what may go; keepPerZone keeps nodes in each zone', () => {
    const objects = ['a', 'b'].flatMap((zone) => [1, 2, 3].flatMap((index) => [node(`${zone}${index}`, { zone, labels: { pool: index === 1 ? 'system' : 'apps' } }), pod(`p-${zone}${index}`, `${zone}${index}`, { cpu: '500m' })]));
    expect(removed(consolidate({ cluster: { objects }, candidates: 'pool=apps' })).every((name) => !name.endsWith('1'))).toBe(true);
    const zoned = consolidate({ cluster: { objects }, keepPerZone: 2 });
    expect(removed(zoned).map((name) => name[0]).sort()).toEqual(['a', 'b']);
    expect(zoned.kept.filter((entry) => entry.because === 'KeepPerZone')).toHaveLength(4);
    expect(zoned.kept[0].reason).toBe('zone a must keep at least 2 node(s)');
  });

  it('objective price removes the dearest nodes and says what it saves', () => {
    const objects = [
      node('cheap-1', { labels: { 'node.kubernetes.io/instance-type': 'small' } }),
      node('cheap-2', { labels: { 'node.kubernetes.io/instance-type': 'small' } }),
      node('dear', { cpu: '8', labels: { 'node.kubernetes.io/instance-type': 'large' } }),
      pod('p1', 'cheap-1', { cpu: '1' }),
      pod('p2', 'cheap-2', { cpu: '1' }),
      pod('p3', 'dear', { cpu: '3' }),
    ];
    const nodeGroups = [nodeGroup('small', { price: 0.1 }), nodeGroup('large', { price: 0.5 })];
    const byPrice = consolidate({ cluster: { objects }, nodeGroups, objective: 'price' });
    expect(removed(byPrice)).toEqual(['dear']);
    expect(byPrice.removable.map((entry) => [entry.nodeGroup, entry.price])).toEqual([['large', 0.5]]);
    expect(byPrice.savings).toBe(0.5);
    expect(byPrice.before.price).toBe(0.7);
    expect(byPrice.after.price).toBe(0.2);
    // Fewest nodes: the two cheap ones go (lowest utilisation first) onto the large one; it saves less.
    const byNodes = consolidate({ cluster: { objects }, nodeGroups });
    expect(removed(byNodes)).toEqual(['cheap-1', 'cheap-2']);
    expect(byNodes.savings).toBe(0.2);
  });

  it('a spent time budget stops the search before it tries anything; the empty answer is still verified', () => {
    const objects = [1, 2].flatMap((index) => [node(`n${index}`), pod(`p${index}`, `n${index}`)]);
    const result = consolidate({ cluster: { objects }, timeBudgetMs: 0 });
    expect(result.removable).toEqual([]);
    expect(result.search.stoppedBy).toBe('time');
    expect(result.kept.map((entry) => entry.because)).toEqual(['NotTried', 'NotTried']);
  });

  it('a scenario edits the cluster first', () => {
    const objects = [1, 2].flatMap((index) => [node(`n${index}`), pod(`p${index}`, `n${index}`, { cpu: '3' })]);
    expect(consolidate({ cluster: { objects } }).removable).toEqual([]);
    const edited = consolidate({ cluster: { objects }, scenario: [{ op: 'addNodes', template: node('t', { cpu: '8' }), count: 1, namePrefix: 'extra' }] });
    expect(removed(edited)).toEqual(['n1', 'n2']);
    expect(edited.scenario?.edits).toBe(1);
  });
});

describe('consolidation: every answer replays to a full placement', () => {
  const spec = fc.array(
    fc.record({
      cpu: fc.constantFrom('2', '4'),
      zone: fc.constantFrom('a', 'b'),
      pods: fc.array(fc.record({ cpu: fc.constantFrom('250m', '500m', '1'), app: fc.constantFrom('w', 'x', 'y'), spread: fc.boolean() }), { maxLength: 4 }),
    }),
    { minLength: 2, maxLength: 6 },
  );
  it('removeNodes + the evicted pods, planned through prepareSimulation, land where the answer says', () => {
    fc.assert(
      fc.property(spec, fc.constantFrom(undefined, 1), (nodes, keepPerZone) => {
        const objects = nodes.flatMap((entry, index) => [
          node(`n${index}`, { cpu: entry.cpu, zone: entry.zone }),
          ...entry.pods.map((podSpec, podIndex) =>
            pod(`${podSpec.app}-${index}-${podIndex}`, `n${index}`, {
              cpu: podSpec.cpu,
              labels: { app: podSpec.app },
              ...(podSpec.spread
                ? { spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: podSpec.app } } }] } }
                : {}),
            }),
          ),
        ]);
        const result = consolidate({ cluster: { objects }, ...(keepPerZone ? { keepPerZone } : {}) });
        const byName = new Map(objects.filter((object) => object.kind === 'Pod').map((object) => [object.metadata.name, object as ReturnType<typeof pod>]));
        // The replay's order: drain order, identical pods together (run-order.ts).
        const drained = result.removable.flatMap((entry) => entry.evicted.map((evicted) => byName.get(evicted.pod)! as unknown as V1Pod));
        const landed = new Map(result.removable.flatMap((entry) => entry.evicted.map((evicted) => [evicted.pod, evicted.to])));
        const ordered = inRunOrder(drained) as unknown as ReturnType<typeof pod>[];
        const workloads = ordered.map((original) => {
          const { nodeName: _bound, ...spec } = original.spec;
          // Named apart: the scenario's cluster still knows the originals' names when workloads are expanded.
          return { ...original, metadata: { ...original.metadata, name: `${original.metadata.name}-again` }, spec, status: undefined };
        });
        const imported = importCluster(objects);
        if (result.removable.length === 0) return;
        const prepared = prepareSimulation(ClusterState.fromObjects(imported.objects), workloads, undefined, imported.objects, [], [
          { op: 'removeNodes', names: result.removable.map((entry) => entry.node) },
        ]);
        const { result: replay } = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
        expect(replay.placements.map((placement) => placement.node)).toEqual(ordered.map((original) => landed.get(original.metadata.name)));
        expect(result.after.nodes).toBe(nodes.length - result.removable.length);
      }),
      { numRuns: 30, seed: 20261202 },
    );
  });
});

describe('consolidation: the work budget', () => {
  it('stops the search, not the answer, when plans would pass it', () => {
    const objects = [1, 2, 3, 4].flatMap((index) => [node(`n${index}`), pod(`p${index}`, `n${index}`)]);
    const result = consolidate({ cluster: { objects } }, { ...BOUNDS, maxWork: 8 });
    expect(result.search.stoppedBy).toBe('work');
    expect(result.verified).toBe(true);
  });
});
