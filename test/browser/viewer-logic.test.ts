/**
 * The plan viewer's pure helpers (web/src), outside the browser: YAML
 * parsing, the margin sentence's facts, node queries per zone card and
 * readable chip colours.
 */
import { describe, expect, it } from 'vitest';
import { scoreMargin } from '../../web/src/explanation/score-margin.js';
import { parseWorkloadYaml } from '../../web/src/plans/workload-yaml.js';
import { assignWorkloadColours, PALETTE_SIZE, workloadChipStyle } from '../../web/src/plans/workload-colours.js';
import { nodeQueryFor } from '../../web/src/topology/zone-selector.js';
import { nameTailLength } from '../../web/src/topology/node-name-split.js';
import { utilisationName } from '../../web/src/topology/utilisation-words.js';

function scored(node: string, total: number) {
  return { node, total, scores: [] };
}

describe('parseWorkloadYaml', () => {
  it('reads every document of a stream, skipping empty ones', () => {
    const parsed = parseWorkloadYaml('kind: Deployment\nmetadata: {name: a}\n---\n---\nkind: Pod\nmetadata: {name: b}\n');
    expect(parsed).toEqual({ ok: true, workloads: [{ kind: 'Deployment', metadata: { name: 'a' } }, { kind: 'Pod', metadata: { name: 'b' } }] });
  });

  it('takes JSON, which is YAML', () => {
    expect(parseWorkloadYaml('{"kind": "List", "items": []}')).toEqual({ ok: true, workloads: [{ kind: 'List', items: [] }] });
  });

  it('names the document and line of a syntax error', () => {
    const parsed = parseWorkloadYaml('kind: Pod\n---\nkind: [Deployment\n');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/^document 2: .*line \d+/s);
  });

  it('refuses a stream with no document', () => {
    expect(parseWorkloadYaml('# only a comment\n')).toEqual({ ok: false, error: 'no workload found: paste a Deployment, ReplicaSet, StatefulSet or Pod' });
  });
});

describe('scoreMargin', () => {
  it.each([
    { name: 'ahead of the best other candidate', candidates: [scored('a', 300), scored('b', 250), scored('c', 280)], margin: { kind: 'ahead', runnerUp: scored('c', 280), points: 20 } },
    { name: 'tied with the runner-up', candidates: [scored('a', 300), scored('b', 300)], margin: { kind: 'tied', runnerUp: scored('b', 300), tiedWith: [scored('b', 300)] } },
    {
      name: 'tied three ways: every tied candidate is named, not one of them',
      candidates: [scored('a', 300), scored('b', 300), scored('c', 300), scored('d', 120)],
      margin: { kind: 'tied', runnerUp: scored('b', 300), tiedWith: [scored('b', 300), scored('c', 300)] },
    },
    { name: 'the only candidate', candidates: [scored('a', 300)], margin: { kind: 'only' } },
  ])('$name', ({ candidates, margin }) => {
    expect(scoreMargin('a', candidates)).toEqual(margin);
  });

  it('has nothing to say when the chosen node is not among the candidates', () => {
    expect(scoreMargin('z', [scored('a', 1)])).toBeUndefined();
  });
});

describe('nodeQueryFor', () => {
  it('asks for a zone by name, with the selector as typed', () => {
    expect(nodeQueryFor('a', 'disk=ssd')).toEqual({ zone: 'a', labelSelector: 'disk=ssd' });
    expect(nodeQueryFor('a', '')).toEqual({ zone: 'a', labelSelector: undefined });
  });

  it('selects nodes without a zone label by its absence, ANDed with the selector', () => {
    expect(nodeQueryFor(null, '')).toEqual({ zone: undefined, labelSelector: '!topology.kubernetes.io/zone' });
    expect(nodeQueryFor(null, 'disk=ssd')).toEqual({ zone: undefined, labelSelector: 'disk=ssd,!topology.kubernetes.io/zone' });
  });
});

describe('workload colours', () => {
  it('gives workloads distinct colours in order, repeating only past the palette', () => {
    const keys = Array.from({ length: 9 }, (_, index) => `Deployment/default/w${index}`);
    const colours = assignWorkloadColours(keys);
    expect(new Set(keys.slice(0, 8).map((key) => colours.get(key))).size).toBe(8);
    expect(colours.get(keys[8])).toBe(colours.get(keys[0]));
  });

  it('draws a workload in its slot\'s CSS colours, and one the plan does not list in the neutral ones', () => {
    const colours = assignWorkloadColours(['Deployment/default/a', 'Deployment/default/b']);
    expect(workloadChipStyle(colours, 'Deployment/default/b')).toEqual({ background: 'var(--workload-1)', color: 'var(--workload-1-text)' });
    expect(workloadChipStyle(colours, 'Deployment/default/other')).toEqual({ background: 'var(--workload-unknown)', color: 'var(--workload-unknown-text)' });
    expect(PALETTE_SIZE).toBe(8);
  });
});

describe('nameTailLength', () => {
  it.each([
    { name: 'a1', tail: 2 },
    { name: 'worker-node-1', tail: 7 },
    { name: 'ip-10-0-10-170.ec2.internal', tail: 16 },
    { name: 'gke-production-cluster-high-memory-pool-7f3c2a1b-x9kq', tail: 18 },
  ])('keeps $tail characters of $name after the ellipsis', ({ name, tail }) => {
    expect(nameTailLength(name)).toBe(tail);
  });
});

describe('utilisationName', () => {
  it.each([
    { now: 0.0234, after: undefined, name: 'CPU 2 percent' },
    { now: 0.2, after: 0.45, name: 'CPU 20 percent, 45 percent after the plan' },
    { now: 0.2, after: 0.2, name: 'CPU 20 percent' },
    { now: null, after: null, name: 'CPU nothing allocatable' },
  ])('reads $now (after the plan $after) as "$name"', ({ now, after, name }) => {
    expect(utilisationName('CPU', now, after)).toBe(name);
  });
});
