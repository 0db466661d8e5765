/**
 * `kubectl kustomize <dir>` output as objects, and the pods a platform would
 * see scheduled from it: a Deployment at its replicas (or its autoscaler's
 * bound) plus the surge pod a rolling update adds, and a Job's pod.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { V1Container, V1Deployment, V1HorizontalPodAutoscaler, V1Job, V1PodSpec } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [field: string]: any };

/** Fails (no skip) when kubectl is missing: CI installs it. */
export function kustomize(directory: string): KubeObject[] {
  const output = execFileSync('kubectl', ['kustomize', directory], { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
  return parseAllDocuments(output).map((document) => document.toJS() as KubeObject);
}

export function findObject<T = KubeObject>(objects: readonly KubeObject[], kind: string, name: string): T {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the kustomize output`);
  return found as T;
}

export interface PodTemplate {
  readonly owner: string;
  readonly spec: V1PodSpec;
}

/** Every pod template: Deployments' and Jobs'. */
export function podTemplates(objects: readonly KubeObject[]): PodTemplate[] {
  return objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'Job')
    .map((object) => ({ owner: `${object.kind}/${object.metadata.name}`, spec: (object as V1Deployment | V1Job).spec!.template.spec! }));
}

export function containerNamed(spec: V1PodSpec, name: string): V1Container {
  const container = spec.containers.find((candidate) => candidate.name === name);
  if (!container) throw new Error(`no container ${name}`);
  return container;
}

/** maxSurge of a RollingUpdate, as the Deployment controller resolves it: a percentage rounds up (default 25%). */
export function surgeOf(deployment: V1Deployment, replicas: number): number {
  const maxSurge = deployment.spec!.strategy?.rollingUpdate?.maxSurge ?? '25%';
  if (typeof maxSurge === 'number') return maxSurge;
  const match = /^(\d+)%$/.exec(maxSurge);
  if (!match) throw new Error(`maxSurge ${maxSurge} is neither a number nor a percentage`);
  return Math.ceil((Number(match[1]) * replicas) / 100);
}

/** The Deployment at `replicas` plus its rollout surge: what must fit while a new release rolls out. */
export function duringRollout(deployment: V1Deployment, replicas: number): V1Deployment {
  return { ...deployment, spec: { ...deployment.spec!, replicas: replicas + surgeOf(deployment, replicas) } };
}

/** The replicas a Deployment runs at rest: its own, or its HorizontalPodAutoscaler's minimum. */
export function restingReplicas(objects: readonly KubeObject[], deployment: V1Deployment): number {
  const autoscaler = objects.find(
    (object) => object.kind === 'HorizontalPodAutoscaler' && (object as V1HorizontalPodAutoscaler).spec!.scaleTargetRef.name === deployment.metadata!.name,
  ) as V1HorizontalPodAutoscaler | undefined;
  return autoscaler ? (autoscaler.spec!.minReplicas ?? 1) : (deployment.spec!.replicas ?? 1);
}

/** A Job's one pod, as the Job controller would create it. */
export function jobPod(job: V1Job) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${job.metadata!.name}-x7k2p`, namespace: job.metadata!.namespace, labels: job.spec!.template.metadata?.labels },
    spec: job.spec!.template.spec,
  };
}
