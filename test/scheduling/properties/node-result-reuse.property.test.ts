/**
 * Reusing node-local plugin results across identical replicas
 * (framework/node-result-memo.ts) is an optimisation only: on random
 * clusters and workloads, plans with and without it are identical.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/scheduling/config/build-profile.js';
import { Planner } from '../../../src/scheduling/planner/planner.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const zones = ['a', 'b', 'c'];

const nodeArbitrary = fc.record({
  cpu: fc.constantFrom('1', '2', '4'),
  zone: fc.constantFrom(...zones),
  tainted: fc.boolean(),
  pool: fc.constantFrom('general', 'batch'),
  existing: fc.integer({ min: 0, max: 3 }),
});

const podArbitrary = fc.record({
  replicas: fc.integer({ min: 1, max: 12 }),
  cpu: fc.constantFrom('100m', '500m', '900m'),
  tolerates: fc.boolean(),
  pool: fc.option(fc.constantFrom('general', 'batch'), { nil: undefined }),
  hostPort: fc.option(fc.constantFrom(8080), { nil: undefined }),
});

describe('node-local result reuse', () => {
  it('does not hand a pod with node affinity the verdicts of plain pods with the same requests', () => {
    // The third pod's node-affinity signature is new, so no node-static verdicts exist for it yet: only a memo
    // signature that keeps nodeAffinity stops it reading the plain pods' verdict on the batch node.
    const nodes = [
      makeNode('n0').labels({ pool: 'batch' }).capacity({ cpu: '1', memory: '8Gi', pods: '10' }).obj(),
      makeNode('n1').labels({ pool: 'general' }).capacity({ cpu: '8', memory: '8Gi', pods: '10' }).obj(),
      makeNode('n2').labels({ pool: 'general' }).capacity({ cpu: '8', memory: '8Gi', pods: '10' }).obj(),
    ];
    const pods = [
      makePod('plain-1').req({ cpu: '100m' }).obj(),
      makePod('plain-2').req({ cpu: '100m' }).obj(),
      makePod('general-only').req({ cpu: '100m' }).nodeAffinityIn('pool', ['general']).obj(),
    ];
    const planner = new Planner(buildProfile(undefined));
    const reused = planner.plan(clusterOf(nodes), pods, { explain: 'full' }).decisions;
    const fresh = planner.plan(clusterOf(nodes), pods, { explain: 'full', reuseNodeResults: false }).decisions;
    expect(fresh[2].feasibleNodes).toBe(2);
    expect(reused).toEqual(fresh);
  });

  it('reports the first failing filter of a profile that puts InterPodAffinity before NodeResourcesFit', () => {
    // The plain pods and the anti-affine ones share a memo signature (it leaves affinity out), but InterPodAffinity
    // runs for the second anti-affine pod only (the others skip it or pass every node), and in this profile it comes
    // first: upstream RunFilterPlugins stops at it on zone a, so a-small's Insufficient cpu from the plain pods'
    // node-local verdict must not be reported there.
    const ZONE = 'topology.kubernetes.io/zone';
    const nodes = [
      makeNode('a-big').labels({ [ZONE]: 'a' }).capacity({ cpu: '8', memory: '8Gi', pods: '10' }).obj(),
      makeNode('a-small').labels({ [ZONE]: 'a' }).capacity({ cpu: '1', memory: '8Gi', pods: '10' }).obj(),
      makeNode('b-big').labels({ [ZONE]: 'b' }).capacity({ cpu: '8', memory: '8Gi', pods: '10' }).obj(),
    ];
    const pods = [
      makePod('plain-1').label('app', 'plain').req({ cpu: '2' }).obj(),
      makePod('plain-2').label('app', 'plain').req({ cpu: '2' }).obj(),
      makePod('zonal-1').label('app', 'zonal').req({ cpu: '2' }).podAntiAffinity(ZONE, { app: 'zonal' }).obj(),
      makePod('zonal-2').label('app', 'zonal').req({ cpu: '2' }).podAntiAffinity(ZONE, { app: 'zonal' }).obj(),
    ];
    const profile = buildProfile({
      plugins: { filter: { disabled: [{ name: '*' }], enabled: [{ name: 'InterPodAffinity' }, { name: 'NodeResourcesFit' }] } },
    });
    const planner = new Planner(profile);
    const reused = planner.plan(clusterOf(nodes), pods, { explain: 'full' }).decisions;
    const fresh = planner.plan(clusterOf(nodes), pods, { explain: 'full', reuseNodeResults: false }).decisions;
    expect(fresh.map((decision) => decision.node)).toEqual(['a-big', 'b-big', 'a-big', 'b-big']);
    expect(fresh[3].rejections).toEqual([
      { plugin: 'InterPodAffinity', reason: "node(s) didn't match pod anti-affinity rules", nodes: 2 },
    ]);
    expect(reused).toEqual(fresh);
  });

  it('never changes a plan', () => {
    fc.assert(
      fc.property(fc.array(nodeArbitrary, { minLength: 1, maxLength: 8 }), podArbitrary, (nodeSpecs, podSpec) => {
        const nodes = nodeSpecs.map((spec, index) => {
          const builder = makeNode(`n${index}`)
            .labels({ 'kubernetes.io/hostname': `n${index}`, 'topology.kubernetes.io/zone': spec.zone, pool: spec.pool })
            .capacity({ cpu: spec.cpu, memory: '8Gi', pods: '10' });
          if (spec.tainted) builder.taint('dedicated', 'x', 'NoSchedule');
          return builder.obj();
        });
        const existing = nodeSpecs.flatMap((spec, index) =>
          Array.from({ length: spec.existing }, (_, count) => makePod(`e${index}-${count}`).node(`n${index}`).req({ cpu: '200m' }).obj()),
        );
        const pods = Array.from({ length: podSpec.replicas }, (_, replica) => {
          const builder = makePod(`web-${replica}`).label('app', 'web').req({ cpu: podSpec.cpu });
          if (podSpec.tolerates) builder.toleration({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' });
          if (podSpec.pool) builder.nodeSelector({ pool: podSpec.pool });
          if (podSpec.hostPort) builder.hostPort(podSpec.hostPort);
          return builder.obj();
        });
        const cluster = clusterOf(nodes, existing);
        const planner = new Planner(buildProfile(undefined));
        const reused = planner.plan(cluster, pods, { explain: 'full' }).decisions;
        const fresh = planner.plan(cluster, pods, { explain: 'full', reuseNodeResults: false }).decisions;
        expect(reused).toEqual(fresh);
      }),
      { seed: 20261127, numRuns: 150 },
    );
  });
});
