/**
 * podplan plans its own deployment: the Deployments in deploy/kubernetes are
 * valid apps/v1 objects, and on a three-node, three-zone cluster the API's
 * required pod anti-affinity puts its replicas one per node (a fourth has
 * nowhere to go) while workers spread one per node by preference.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { InlineEngineRunner } from '../../src/engine/inline-engine-runner.js';
import { zonedCluster } from '../engine/engine-fixtures.js';

function manifest(file: string): Record<string, any>[] {
  const text = readFileSync(fileURLToPath(new URL(`../../deploy/kubernetes/${file}`, import.meta.url)), 'utf8');
  return parseAllDocuments(text).map((document) => document.toJS());
}

function deploymentOf(file: string, replicas: number): Record<string, any> {
  const deployment = manifest(file).find((object) => object.kind === 'Deployment')!;
  return { ...deployment, metadata: { ...deployment.metadata, namespace: 'podplan' }, spec: { ...deployment.spec, replicas } };
}

async function place(workload: Record<string, any>) {
  const outcome = await new InlineEngineRunner().run({ cluster: { objects: zonedCluster(3) }, workloads: [workload], explain: 'summary', mode: 'exhaustive' });
  if (outcome.kind !== 'completed') throw new Error(`expected a plan, got ${JSON.stringify(outcome)}`);
  return outcome.result.placements;
}

describe('deploy/kubernetes manifests', () => {
  it('place the API one replica per node; a fourth replica fails on its anti-affinity', async () => {
    const placements = await place(deploymentOf('api.yaml', 4));
    expect(new Set(placements.slice(0, 3).map((placement) => placement.node)).size).toBe(3);
    expect(placements[3].node).toBeNull();
    expect(placements[3].message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
  });

  it('spread workers over every node before doubling up', async () => {
    const placements = await place(deploymentOf('worker.yaml', 3));
    expect(new Set(placements.map((placement) => placement.node)).size).toBe(3);
  });

  it('probe /healthz for liveness and /readyz for readiness in both Deployments', () => {
    for (const file of ['api.yaml', 'worker.yaml']) {
      const [container] = deploymentOf(file, 1).spec.template.spec.containers;
      expect(container.livenessProbe.httpGet.path).toBe('/healthz');
      expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    }
  });

  it('expose the API through a Service selecting exactly the API pods', () => {
    const service = manifest('api.yaml').find((object) => object.kind === 'Service')!;
    expect(service.spec.selector).toEqual(deploymentOf('api.yaml', 1).spec.template.metadata.labels);
  });
});
