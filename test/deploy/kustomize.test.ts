/**
 * deploy/kustomize as `kubectl kustomize` renders it (the base, and the
 * example overlay a platform team starts from): every pod template passes Pod
 * Security "restricted" with a read-only root filesystem; the database URL
 * and the admin key come from separate Secrets; ENGINE_THREADS follows the CPU
 * limit; every setting is one src/config reads and validates; and podplan
 * plans its own deployment through its real API: every pod, the rollout's
 * surge pods included, lands on a 3-node and on a 6-node cluster.
 */
import type { V1Deployment, V1EnvVar, V1HorizontalPodAutoscaler, V1Job, V1NetworkPolicy, V1Service } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENVIRONMENT_VARIABLES, loadAppConfig, type AppConfig } from '../../src/config/app-config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { loadComposeFile, parseEnvFile } from './support/compose.js';
import { environmentOf, parseDockerfile } from './support/dockerfile.js';
import {
  containerNamed,
  duringRollout,
  findObject,
  jobPod,
  kustomize,
  podTemplates,
  restingReplicas,
  type KubeObject,
} from './support/kustomize.js';
import { schemaProblems } from './support/kube-schema.js';
import { restrictedViolations } from './support/pod-security.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

const BASE = 'deploy/kustomize/base';
const EXAMPLE = 'deploy/kustomize/overlays/example';
const rendered: Record<string, KubeObject[]> = { [BASE]: kustomize(BASE), [EXAMPLE]: kustomize(EXAMPLE) };
const example = rendered[EXAMPLE];

const api = findObject<V1Deployment>(example, 'Deployment', 'podplan-api');
const worker = findObject<V1Deployment>(example, 'Deployment', 'podplan-worker');
const migrate = findObject<V1Job>(example, 'Job', 'podplan-migrate');
const imageEnvironment = environmentOf(parseDockerfile(read('Dockerfile')).stages.at(-1)!);
const envExample = parseEnvFile(read('.env.example'));

const SECRET_VALUES: Record<string, Record<string, string>> = {
  'podplan-database': { url: 'postgres://podplan:secret@postgres.example:5432/podplan' },
  'podplan-admin-key': { 'admin-key': envExample.PODPLAN_ADMIN_KEY },
  'podplan-source-key': { key: Buffer.alloc(32, 42).toString('base64') },
};

/** CPU quantity → whole cores, rounded up: what a resourceFieldRef with divisor 1 yields. */
function cores(quantity: string): number {
  return quantity.endsWith('m') ? Math.ceil(Number(quantity.slice(0, -1)) / 1000) : Math.ceil(Number(quantity));
}

/** A container's environment as the kubelet would resolve it, over the image's ENV. */
function resolvedEnvironment(deploymentOrJob: V1Deployment | V1Job, containerName: string): Record<string, string> {
  const container = containerNamed(deploymentOrJob.spec!.template.spec!, containerName);
  const resolve = (variable: V1EnvVar): string => {
    if (variable.value !== undefined) return variable.value;
    const secret = variable.valueFrom?.secretKeyRef;
    if (secret) return SECRET_VALUES[secret.name!][secret.key];
    const field = variable.valueFrom?.resourceFieldRef;
    if (field?.resource === 'limits.cpu' && (field.divisor ?? '1') === '1') {
      const target = containerNamed(deploymentOrJob.spec!.template.spec!, field.containerName ?? containerName);
      return String(cores(String(target.resources!.limits!.cpu)));
    }
    throw new Error(`${containerName}: cannot resolve ${variable.name}`);
  };
  return { ...imageEnvironment, ...Object.fromEntries((container.env ?? []).map((variable) => [variable.name, resolve(variable)])) };
}

function configOf(deploymentOrJob: V1Deployment | V1Job, containerName: string): AppConfig {
  return loadAppConfig(resolvedEnvironment(deploymentOrJob, containerName));
}

describe('kubectl kustomize deploy/kustomize', () => {
  it('renders the base and the example overlay with every part a platform installs', () => {
    const kinds = (objects: readonly KubeObject[]) => objects.map((object) => `${object.kind}/${object.metadata.name}`).sort();
    const baseKinds = [
      'Deployment/podplan-api',
      'Deployment/podplan-worker',
      'HorizontalPodAutoscaler/podplan-worker',
      'Job/podplan-migrate',
      'NetworkPolicy/podplan-api',
      'NetworkPolicy/podplan-default',
      'PodDisruptionBudget/podplan-api',
      'PodDisruptionBudget/podplan-worker',
      'Service/podplan',
      'Service/podplan-worker',
      'ServiceAccount/podplan',
    ];
    expect(kinds(rendered[BASE])).toEqual(baseKinds);
    expect(kinds(example)).toEqual(
      [...baseKinds, 'Ingress/podplan', 'Namespace/podplan', 'NetworkPolicy/podplan-metrics', 'ServiceMonitor/podplan'].sort(),
    );
    for (const object of example.filter((each) => each.kind !== 'Namespace')) expect(object.metadata.namespace, object.metadata.name).toBe('podplan');
    // No Secret is shipped: their values never live in git.
    expect(example.filter((object) => object.kind === 'Secret')).toEqual([]);
  });

  it('uses only fields of each object`s Kubernetes API type, with values of the right kind (the ServiceMonitor, a custom resource, aside)', async () => {
    for (const objects of Object.values(rendered)) {
      for (const object of objects) {
        const problems = await schemaProblems(object);
        if (object.kind === 'ServiceMonitor') expect(problems).toBeUndefined();
        else expect(problems, `${object.kind}/${object.metadata.name}`).toEqual([]);
      }
    }
    const misspelt = structuredClone(api) as any;
    misspelt.spec.template.spec.containers[0].imagePulPolicy = 'Always';
    misspelt.spec.replicas = '3';
    expect(await schemaProblems(misspelt)).toEqual([
      'Deployment/podplan-api.spec.replicas: expected number, got "3"',
      'Deployment/podplan-api.spec.template.spec.containers[0].imagePulPolicy: not a field of V1Container',
    ]);
  });

  it('enforces Pod Security "restricted" on the namespace, and every pod template passes it with a read-only root filesystem', () => {
    expect(findObject(example, 'Namespace', 'podplan').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    for (const objects of Object.values(rendered)) {
      const templates = podTemplates(objects);
      expect(templates.map((template) => template.owner).sort()).toEqual(['Deployment/podplan-api', 'Deployment/podplan-worker', 'Job/podplan-migrate']);
      for (const { owner, spec } of templates) {
        expect(restrictedViolations(spec), owner).toEqual([]);
        expect(spec.automountServiceAccountToken, owner).toBe(false);
        // The image's user (Dockerfile USER 1000:1000), stated so runAsNonRoot is checked against a number.
        expect(spec.securityContext, owner).toMatchObject({ runAsUser: 1000, runAsGroup: 1000 });
      }
    }
  });

  it('the restricted check itself refuses a pod spec that only sets what Kubernetes defaults', () => {
    const violations = restrictedViolations({ containers: [{ name: 'plain', image: 'plain:1' }], volumes: [{ name: 'host', hostPath: { path: '/' } }] });
    expect(violations.map((violation) => violation.path).sort()).toEqual([
      'spec.containers[0].securityContext.allowPrivilegeEscalation',
      'spec.containers[0].securityContext.capabilities.drop',
      'spec.containers[0].securityContext.readOnlyRootFilesystem',
      'spec.containers[0].securityContext.runAsNonRoot',
      'spec.containers[0].securityContext.seccompProfile.type',
      'spec.volumes[0].hostPath',
    ]);
  });

  it('reads the database URL and the admin key from two separate Secrets, the key in the API only; the source key (optional) in API and workers', () => {
    const secretRefs = (deploymentOrJob: V1Deployment | V1Job) =>
      deploymentOrJob.spec!.template.spec!.containers.flatMap((container) =>
        (container.env ?? []).filter((variable) => variable.valueFrom?.secretKeyRef).map((variable) => `${variable.name}<-${variable.valueFrom!.secretKeyRef!.name}/${variable.valueFrom!.secretKeyRef!.key}`),
      );
    expect(secretRefs(api).sort()).toEqual(['DATABASE_URL<-podplan-database/url', 'PODPLAN_ADMIN_KEY<-podplan-admin-key/admin-key', 'PODPLAN_SOURCE_KEY<-podplan-source-key/key']);
    expect(secretRefs(worker)).toEqual(['DATABASE_URL<-podplan-database/url', 'PODPLAN_SOURCE_KEY<-podplan-source-key/key']);
    // The API seals kubeconfigs with it, the workers open them: both or neither, and neither needs it to start.
    const sourceKeyRefs = [api, worker].map((deployment) =>
      deployment.spec!.template.spec!.containers.flatMap((container) => (container.env ?? []).filter((variable) => variable.name === 'PODPLAN_SOURCE_KEY')).map((variable) => variable.valueFrom?.secretKeyRef?.optional),
    );
    expect(sourceKeyRefs).toEqual([[true], [true]]);
    expect(secretRefs(migrate)).toEqual(['DATABASE_URL<-podplan-database/url']);
  });

  it('sizes ENGINE_THREADS from the container`s own CPU limit through the downward API', () => {
    for (const [deployment, name] of [[api, 'api'], [worker, 'worker']] as const) {
      const container = containerNamed(deployment.spec!.template.spec!, name);
      const threads = container.env!.find((variable) => variable.name === 'ENGINE_THREADS')!;
      expect(threads.valueFrom?.resourceFieldRef, name).toEqual({ containerName: name, resource: 'limits.cpu', divisor: '1' });
      expect(configOf(deployment, name).jobs!.engineThreads).toBe(cores(String(container.resources!.limits!.cpu)));
    }
  });

  it('passes only settings src/config reads, and each container`s environment validates', () => {
    for (const { owner, spec } of podTemplates(example)) {
      for (const container of spec.containers) for (const variable of container.env ?? []) expect(ENVIRONMENT_VARIABLES, `${owner} ${variable.name}`).toContain(variable.name);
    }
    // Behind the Ingress (components/ingress), one trusted proxy hop names the client.
    expect(configOf(api, 'api')).toMatchObject({ host: '0.0.0.0', port: 3000, auth: { adminKey: envExample.PODPLAN_ADMIN_KEY, trustProxy: 1 }, jobs: { role: 'serve' } });
    expect(configOf(worker, 'worker')).toMatchObject({ host: '0.0.0.0', port: 3000, jobs: { role: 'worker', jobExpireSeconds: 900 } });
    expect(configOf(migrate, 'migrate').database).toEqual({ kind: 'postgres', url: SECRET_VALUES['podplan-database'].url });
    // The migrate Job runs what docker-compose.yml's migrate service runs (image-build.test.ts runs it from the built image).
    const composeMigrate = loadComposeFile(read('docker-compose.yml'), envExample).services.migrate.command;
    expect(containerNamed(migrate.spec!.template.spec!, 'migrate').command).toEqual(composeMigrate);
  });

  it('probes /healthz and /readyz on the port PORT names, and the Services select exactly their pods', () => {
    for (const [deployment, name] of [[api, 'api'], [worker, 'worker']] as const) {
      const container = containerNamed(deployment.spec!.template.spec!, name);
      const http = container.ports!.find((port) => port.name === 'http')!;
      expect(http.containerPort).toBe(configOf(deployment, name).port);
      for (const probe of [container.startupProbe, container.livenessProbe]) expect(probe!.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe!.httpGet).toEqual({ path: '/readyz', port: 'http' });
    }
    // A stopping API pod sleeps before SIGTERM so load balancers stop sending it requests first, well within its grace period.
    const preStop = containerNamed(api.spec!.template.spec!, 'api').lifecycle!.preStop!.exec!.command!;
    expect(preStop[0]).toBe('sleep');
    expect(Number(preStop[1])).toBeLessThan(api.spec!.template.spec!.terminationGracePeriodSeconds! / 2);
    const service = findObject<V1Service>(example, 'Service', 'podplan');
    expect(service.spec!.selector).toEqual(api.spec!.selector!.matchLabels);
    expect(service.spec!.ports!.find((port) => port.name === 'http')).toEqual({ name: 'http', port: 80, targetPort: 'http' });
    const workerService = findObject<V1Service>(example, 'Service', 'podplan-worker');
    expect(workerService.spec).toMatchObject({ clusterIP: 'None', selector: worker.spec!.selector!.matchLabels });
  });

  it('lets the autoscaler own the worker count, and disruption budgets cover each Deployment', () => {
    const autoscaler = findObject<V1HorizontalPodAutoscaler>(example, 'HorizontalPodAutoscaler', 'podplan-worker');
    expect(autoscaler.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'podplan-worker' });
    expect(autoscaler.spec!.minReplicas).toBeGreaterThanOrEqual(2);
    expect(worker.spec!.replicas).toBeUndefined();
    for (const deployment of [api, worker]) {
      const budget = findObject(example, 'PodDisruptionBudget', deployment.metadata!.name!);
      expect(budget.spec.selector.matchLabels).toEqual(deployment.spec!.selector!.matchLabels);
      expect(budget.spec.maxUnavailable).toBe(1);
    }
  });

  it('scrapes /metrics on a metrics port of both Services, the port PODPLAN_METRICS_PORT serves', () => {
    const monitor = findObject(example, 'ServiceMonitor', 'podplan');
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
    for (const [serviceName, deployment, container] of [['podplan', api, 'api'], ['podplan-worker', worker, 'worker']] as const) {
      const service = findObject<V1Service>(example, 'Service', serviceName);
      for (const [label, value] of Object.entries(monitor.spec.selector.matchLabels)) expect(service.metadata!.labels![label]).toBe(value);
      expect(service.spec!.ports!.find((port) => port.name === 'metrics')!.targetPort).toBe('metrics');
      const metricsPort = containerNamed(deployment.spec!.template.spec!, container).ports!.find((port) => port.name === 'metrics')!.containerPort;
      expect(String(metricsPort)).toBe(resolvedEnvironment(deployment, container).PODPLAN_METRICS_PORT);
    }
  });

  it('denies every connection the service does not need', () => {
    const policy = (name: string) => findObject<V1NetworkPolicy>(example, 'NetworkPolicy', name).spec!;
    const everyPod = policy('podplan-default');
    expect(everyPod.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(everyPod.ingress).toBeUndefined();
    for (const template of [api, worker, migrate]) {
      for (const [label, value] of Object.entries(everyPod.podSelector!.matchLabels!)) expect(template.spec!.template.metadata!.labels![label]).toBe(value);
    }
    const egressPorts = everyPod.egress!.flatMap((rule) => rule.ports!.map((port) => `${port.protocol}/${port.port}`));
    expect(egressPorts).toEqual(expect.arrayContaining(['UDP/53', 'TCP/53', 'TCP/5432']));
    expect(policy('podplan-api')).toMatchObject({ podSelector: api.spec!.selector, ingress: [{ ports: [{ protocol: 'TCP', port: 'http' }] }] });
    expect(policy('podplan-metrics').ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 'metrics' }] },
    ]);
  });
});

/** A small production node: 8 vCPU, 32 GiB, less what the kubelet and system reserve. */
function node(name: string, zone: string) {
  const allocatable = { cpu: '7910m', memory: '29Gi', pods: '58' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone, 'kubernetes.io/os': 'linux' } },
    status: { capacity: { cpu: '8', memory: '32Gi', pods: '58' }, allocatable },
  };
}

function cluster(nodes: number) {
  return Array.from({ length: nodes }, (_, index) => node(`node-${index + 1}`, ['a', 'b', 'c'][index % 3]));
}

interface Placement {
  workload: { kind: string; name: string };
  pod: string;
  node: string | null;
  message: string;
}

describe('podplan plans its own deployment (the example overlay) through its API', () => {
  let testApp: TestApp;
  const topologies: Record<number, string> = {};

  beforeAll(async () => {
    testApp = await startTestApp();
    for (const nodes of [3, 6]) {
      const response = await testApp.http().post('/v1/topologies').send({ name: `${nodes}-nodes`, objects: cluster(nodes) });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      topologies[nodes] = response.body.id;
    }
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function plan(nodes: number, workloads: readonly unknown[]): Promise<Placement[]> {
    const response = await testApp.http().post(`/v1/topologies/${topologies[nodes]}/plans`).send({ name: 'podplan-itself', workloads });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.placements as Placement[];
  }

  const nodesOf = (placements: readonly Placement[], name: string) => placements.filter((placement) => placement.workload.name === name).map((placement) => placement.node);

  it.each([3, 6])('places every pod on %i nodes mid-rollout: the API and workers with their surge pods, and the migrate Job', async (nodes) => {
    const placements = await plan(nodes, [duringRollout(api, restingReplicas(example, api)), duringRollout(worker, restingReplicas(example, worker)), jobPod(migrate)]);
    expect(placements).toHaveLength(4 + 3 + 1);
    for (const placement of placements) expect(placement.node, `${placement.pod}: ${placement.message}`).not.toBeNull();
    // The three API pods at rest each on a node of their own, then the surge pod.
    expect(new Set(nodesOf(placements, 'podplan-api').slice(0, 3)).size).toBe(3);
    expect(new Set(nodesOf(placements, 'podplan-worker')).size).toBe(3);
  });

  it('places the workers at the autoscaler`s maximum, mid-rollout, beside the API on 6 nodes', async () => {
    const autoscaler = findObject<V1HorizontalPodAutoscaler>(example, 'HorizontalPodAutoscaler', 'podplan-worker');
    const placements = await plan(6, [duringRollout(api, restingReplicas(example, api)), duringRollout(worker, autoscaler.spec!.maxReplicas)]);
    for (const placement of placements) expect(placement.node, `${placement.pod}: ${placement.message}`).not.toBeNull();
    expect(nodesOf(placements, 'podplan-worker')).toHaveLength(autoscaler.spec!.maxReplicas + 1);
  });

  it('would stall the API rollout on 3 nodes with the required per-node anti-affinity it used to have', async () => {
    const spec = api.spec!.template.spec!;
    const [preferred] = spec.affinity!.podAntiAffinity!.preferredDuringSchedulingIgnoredDuringExecution!;
    const required: V1Deployment = {
      ...api,
      spec: {
        ...api.spec!,
        template: { ...api.spec!.template, spec: { ...spec, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [preferred.podAffinityTerm] } } } },
      },
    };
    const onThree = await plan(3, [duringRollout(required, restingReplicas(example, api))]);
    expect(onThree[3].node).toBeNull();
    expect(onThree[3].message).toMatch(/^0\/3 nodes are available: 3 node\(s\) didn't match pod anti-affinity rules\./);
    const onSix = await plan(6, [duringRollout(required, restingReplicas(example, api))]);
    expect(onSix.every((placement) => placement.node !== null)).toBe(true);
  });
});
