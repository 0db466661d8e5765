/**
 * `podplan simulate --explain` shows the facts behind each verdict (#21
 * "explanations with the facts"), through the built binary: for resources
 * what was requested, what is in use and what the node has; for
 * anti-affinity the pods in the way; for taints the taint; for spreading the
 * domain's count, the minimum and the skew; why a score plugin gave no
 * score; for node affinity the selector key or required term the node's
 * labels fail; for host ports the port taken and the pod holding it; and why
 * rejection reasons outnumber rejected nodes. Fixtures:
 * cluster.json (a1 runs db-0 with 1 CPU and 2Gi, b1 is empty, c1 is tainted
 * dedicated=batch:NoSchedule; 2 CPUs and 8Gi each).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, podplan } from './support/built-cli.js';

beforeAll(ensureBuiltCli);

function detailsByNode(stdout: string): Record<string, string> {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => line.startsWith('NODE '));
  const rows = lines.slice(header + 1).filter((line) => /^\S+\s{3,}(yes|no)\s/.test(line));
  return Object.fromEntries(rows.map((line) => line.split(/\s{3,}/)).map((cells) => [cells[0], cells[3]]));
}

describe('podplan simulate --explain: the facts', () => {
  it('resources: requested, in use and allocatable per short resource; rejection reasons outnumbering nodes are explained', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'big-request.yaml', '--explain', 'big/0']);
    expect(run.code).toBe(3);
    const details = detailsByNode(run.stdout);
    expect(details.a1).toBe(
      'NodeResourcesFit: Insufficient cpu (cpu: requested 1500m, in use 1000m of 2000m allocatable); NodeResourcesFit: Insufficient memory (memory: requested 9Gi, in use 2Gi of 8Gi allocatable)',
    );
    expect(details.b1).toBe('NodeResourcesFit: Insufficient memory (memory: requested 9Gi, in use 0 of 8Gi allocatable)');
    expect(details.c1).toBe('TaintToleration: node(s) had untolerated taint(s) (taint dedicated=batch:NoSchedule is not tolerated); NodeResourcesFit: Insufficient memory (memory: requested 9Gi, in use 0 of 8Gi allocatable)');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('3 node(s) rejected for 5 reasons: a node fails every filter it does not pass, and each failure is listed.');
  });

  it('anti-affinity: the pod already in the domain', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '--explain', 'web/2']);
    const details = detailsByNode(run.stdout);
    expect(details.a1).toMatch(
      /^InterPodAffinity: node\(s\) didn't match pod anti-affinity rules \(anti-affinity term 0 \(app=web, topologyKey kubernetes\.io\/hostname\): default\/web-\S+ already in kubernetes\.io\/hostname=a1\)$/,
    );
  });

  it('spreading: the domain count, the minimum over the domains and the skew', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'zone-spread.yaml', '--explain', 'spread/2']);
    expect(run.code).toBe(3);
    expect(detailsByNode(run.stdout).b1).toBe(
      "PodTopologySpread: node(s) didn't match pod topology spread constraints (topology.kubernetes.io/zone=b holds 1 matching pod(s) (+1 with this pod), the fewest of 3 domain(s) holds 0: skew 2 > maxSkew 1)",
    );
  });

  it('a plugin that gave no score says why: spreading with DoNotSchedule constraints only', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'zone-spread.yaml', '--explain', 'spread/0']);
    expect(detailsByNode(run.stdout).b1).not.toContain('PodTopologySpread');
    expect(run.stdout).toContain(
      "PodTopologySpread gave no score: its PreScore skips when the pod's spread constraints are all DoNotSchedule (they filter, they do not score), or it has none and no default constraint applies (or the scheduler configuration disables it).",
    );
    // A Deployment without constraints gets the default ScheduleAnyway ones: spreading scores, and no such line.
    const web = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '--explain', 'web/0']);
    expect(detailsByNode(web.stdout).b1).toContain('PodTopologySpread 200');
    expect(web.stdout).not.toContain('PodTopologySpread gave no score');
  });

  it('node affinity: the nodeSelector key the node lacks, and each required term with the node\'s value', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'disk-ssd.yaml', '--explain', 'ssd/0']);
    expect(run.code).toBe(3);
    const ssd = detailsByNode(run.stdout);
    expect(ssd.a1).toBe("NodeAffinity: node(s) didn't match Pod's node affinity/selector (node selector disktype=ssd: label disktype missing)");
    expect(ssd.b1).toBe(ssd.a1);
    const zoned = detailsByNode((await podplan(['simulate', '-f', 'cluster.json', '-f', 'disk-ssd.yaml', '--explain', 'zoned/0'])).stdout);
    expect(zoned.c1).toBe(
      "TaintToleration: node(s) had untolerated taint(s) (taint dedicated=batch:NoSchedule is not tolerated); NodeAffinity: node(s) didn't match Pod's node affinity/selector " +
        '(required term 0 matchExpressions topology.kubernetes.io/zone In (a, b): the node has topology.kubernetes.io/zone=c; required term 1 matchExpressions disktype Exists: label disktype missing)',
    );
    expect(zoned.a1).not.toContain('NodeAffinity:');
    const zoneD = detailsByNode((await podplan(['simulate', '-f', 'cluster.json', '-f', 'disk-ssd.yaml', '--explain', 'zone-d/0'])).stdout);
    expect(zoneD.b1).toBe("NodeAffinity: node(s) didn't match Pod's node affinity/selector (node selector topology.kubernetes.io/zone=d: the node has topology.kubernetes.io/zone=b)");
  });

  it('host ports: the port, protocol and IP taken, and the pod that holds it', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'host-port.yaml', '--explain', 'agent/2']);
    expect(run.code).toBe(3);
    const details = detailsByNode(run.stdout);
    for (const node of ['a1', 'b1']) {
      expect(details[node]).toMatch(
        /^NodePorts: node\(s\) didn't have free ports for the requested pod ports \(host port 8080\/TCP on 0\.0\.0\.0 is taken by default\/agent-\S+ \(bound on 0\.0\.0\.0\)\)$/,
      );
    }
    expect(details.a1).not.toBe(details.b1);
  });
});
