/**
 * Every integer field podplan reads from Kubernetes objects and scheduler
 * configuration, at the edges of its Go width (issue 17, item 8: a Deployment
 * with `replicas: 1000000000000` answered 500). A value the API server's
 * decoding would refuse (past int32/int64, a float, a huge double) is a 400
 * naming that field; the largest value the width holds is not refused for its
 * width. One table row per field: a field added without a width check fails
 * here, not in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, threeZones } from './plans-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const INT32_MAX = 2 ** 31 - 1;

/** Values no int32 field may hold, each refused at the field's path. */
const BEYOND_INT32 = [2 ** 31, -(2 ** 31) - 1, 1e12, 2 ** 53 + 2, 1e308, 1.5, -0.5];
/** Values no int64 field may hold. */
const BEYOND_INT64 = [2 ** 63, -(2 ** 64), 1e308, 1.5];

interface IntegerField {
  readonly name: string;
  readonly width: 'int32' | 'int64';
  /** The request with `value` planted, and the path the refusal must name. */
  readonly request: (value: number) => { url: string; body: unknown };
  readonly path: string;
  /** A value inside the width the field accepts (answers below 500 and does not blame the width). */
  readonly inside: number;
}

const zone = 'topology.kubernetes.io/zone';
const simulate = (workload: unknown, extra: Record<string, unknown> = {}) => ({ url: '/v1/simulations', body: { cluster: { objects: threeZones() }, workloads: [workload], ...extra } });
const withPodSpec = (spec: Record<string, unknown>) => deployment('web', 1, spec);
const topology = (object: unknown) => ({ url: '/v1/topologies', body: { name: 'bounds', objects: [...threeZones(), object] } });

const FIELDS: IntegerField[] = [
  { name: 'Deployment spec.replicas (workload)', width: 'int32', request: (value) => simulate(deployment('web', value)), path: 'workloads[0].spec.replicas', inside: INT32_MAX },
  {
    name: 'StatefulSet spec.ordinals.start',
    width: 'int32',
    request: (value) => simulate({ ...deployment('db', 1), kind: 'StatefulSet', spec: { ...deployment('db', 1).spec, serviceName: 'db', ordinals: { start: value } } }),
    path: 'workloads[0].spec.ordinals.start',
    inside: INT32_MAX,
  },
  { name: 'pod spec.priority', width: 'int32', request: (value) => simulate(withPodSpec({ priority: value })), path: 'workloads[0].spec.template.spec.priority', inside: 0 },
  {
    name: 'topologySpreadConstraints maxSkew',
    width: 'int32',
    request: (value) => simulate(withPodSpec({ topologySpreadConstraints: [{ maxSkew: value, topologyKey: zone, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] })),
    path: 'workloads[0].spec.template.spec.topologySpreadConstraints[0].maxSkew',
    inside: INT32_MAX,
  },
  {
    name: 'topologySpreadConstraints minDomains',
    width: 'int32',
    request: (value) => simulate(withPodSpec({ topologySpreadConstraints: [{ maxSkew: 1, minDomains: value, topologyKey: zone, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] })),
    path: 'workloads[0].spec.template.spec.topologySpreadConstraints[0].minDomains',
    inside: INT32_MAX,
  },
  {
    name: 'preferred node affinity weight',
    width: 'int32',
    request: (value) => simulate(withPodSpec({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: value, preference: { matchExpressions: [{ key: zone, operator: 'Exists' }] } }] } } })),
    path: 'workloads[0].spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
    inside: 100,
  },
  {
    name: 'toleration tolerationSeconds',
    width: 'int64',
    request: (value) => simulate(withPodSpec({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: value }] })),
    path: 'workloads[0].spec.template.spec.tolerations[0].tolerationSeconds',
    inside: 2 ** 53,
  },
  {
    name: 'container hostPort',
    width: 'int32',
    request: (value) => simulate(withPodSpec({ containers: [{ name: 'web', image: 'web:1', ports: [{ containerPort: 80, hostPort: value }] }] })),
    path: 'workloads[0].spec.template.spec.containers[0].ports[0].hostPort',
    inside: 65535,
  },
  { name: 'Deployment spec.replicas (cluster object)', width: 'int32', request: (value) => topology(deployment('old', value)), path: 'objects[6].spec.replicas', inside: INT32_MAX },
  {
    name: 'PriorityClass value',
    width: 'int32',
    request: (value) => topology({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value }),
    path: 'objects[6].value',
    inside: 1_000_000_000,
  },
  {
    name: 'scheduler profile plugin weight',
    width: 'int32',
    request: (value) => simulate(deployment('web', 1), { schedulerConfig: { profiles: [{ plugins: { score: { enabled: [{ name: 'NodeAffinity', weight: value }] } } }] } }),
    path: 'schedulerConfig.profiles[0].plugins.score.enabled[0].weight',
    inside: INT32_MAX,
  },
  {
    name: 'percentageOfNodesToScore',
    width: 'int32',
    request: (value) => simulate(deployment('web', 1), { schedulerConfig: { percentageOfNodesToScore: value } }),
    path: 'schedulerConfig.percentageOfNodesToScore',
    inside: 100,
  },
  {
    name: 'NodeResourcesFit scoringStrategy resources weight',
    width: 'int64',
    request: (value) =>
      simulate(deployment('web', 1), {
        schedulerConfig: { profiles: [{ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: value }] } } }] }] },
      }),
    path: 'schedulerConfig.profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight',
    inside: 100,
  },
  {
    name: 'InterPodAffinity hardPodAffinityWeight',
    width: 'int32',
    request: (value) => simulate(deployment('web', 1), { schedulerConfig: { profiles: [{ pluginConfig: [{ name: 'InterPodAffinity', args: { hardPodAffinityWeight: value } }] }] } }),
    path: 'schedulerConfig.profiles[0].pluginConfig[0].args.hardPodAffinityWeight',
    inside: 100,
  },
  { name: 'topology revision (query string)', width: 'int32', request: (value) => ({ url: `/v1/simulations`, body: { topologyId: 'TOPOLOGY', revision: value, workloads: [deployment('web', 1)] } }), path: 'revision', inside: INT32_MAX },
];

describe('integer fields at the edges of their Go width', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    topologyId = (await testApp.http().post('/v1/topologies').send({ name: 'base', objects: threeZones() })).body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function send(request: { url: string; body: unknown }) {
    const body = JSON.parse(JSON.stringify(request.body).replaceAll('"TOPOLOGY"', JSON.stringify(topologyId)));
    return testApp.http().post(request.url).set('Content-Type', 'application/json').send(JSON.stringify(body));
  }

  for (const field of FIELDS) {
    it(`${field.name}: refused at its path past ${field.width}, never a 500`, async () => {
      for (const value of field.width === 'int32' ? BEYOND_INT32 : BEYOND_INT64) {
        const response = await send(field.request(value));
        const detail = `${field.name} = ${value}: ${response.status} ${JSON.stringify(response.body).slice(0, 400)}`;
        expect(response.status, detail).toBe(400);
        expect(response.body.errors.map((error: { path: string }) => error.path), detail).toContain(field.path);
      }
    });

    it(`${field.name}: ${field.inside} is not refused for its width`, async () => {
      const response = await send(field.request(field.inside));
      const detail = `${field.name} = ${field.inside}: ${response.status} ${JSON.stringify(response.body).slice(0, 400)}`;
      expect(response.status, detail).toBeLessThan(500);
      const widthErrors = (response.body.errors ?? []).filter((error: { path: string; message: string }) => error.path === field.path && /bit integer/.test(error.message));
      expect(widthErrors, detail).toEqual([]);
    });
  }

  it('GraphQL simulate: replicas past int32 is BAD_USER_INPUT at the field, not an internal error', async () => {
    const response = await testApp.graphql('mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas } } }', {
      input: { objects: threeZones(), workloads: [deployment('web', 1e12)] },
    });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.errors.map((error: { path: string }) => error.path)).toContain('workloads[0].spec.replicas');
  });

  it('a revision past int32 in a query string or If-Match is a 400, not a failed database query', async () => {
    const read = await testApp.http().get(`/v1/topologies/${topologyId}?revision=${2 ** 31}`);
    expect(read.status).toBe(400);
    expect(read.body.errors[0].path).toBe('revision');
    const replaced = await testApp.http().put(`/v1/topologies/${topologyId}`).set('If-Match', `"${2 ** 40}"`).send({ objects: threeZones() });
    expect(replaced.status).toBe(400);
    expect(replaced.body.errors[0].path).toBe('If-Match');
  });
});
