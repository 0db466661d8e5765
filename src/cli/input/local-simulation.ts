/**
 * `podplan simulate` without a server: the files become the body of
 * `POST /v1/simulations` (the command line's parse step), which then takes
 * the same pipeline as every request (src/pipeline/request-pipeline.ts) with
 * the engine on this thread and inline clusters only. Error and warning paths
 * the pipeline reports are rewritten to point into the user's files.
 */
import type { AppConfig } from '../../config/app-config.js';
import { loadAppConfig } from '../../config/app-config.js';
import { InlineEngineRunner } from '../../engine/inline-engine-runner.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { InvalidInputError } from '../../kube/field-error.js';
import { OFFLINE_CLUSTER_SOURCES } from '../../pipeline/cluster-sources.js';
import { RequestPipeline } from '../../pipeline/request-pipeline.js';
import type { EmulationRequest } from '../../scheduling/release/emulation.js';
import { badInput } from '../cli-error.js';
import { releaseFlagPaths } from '../release-flags.js';
import type { CliIo } from '../cli-io.js';
import type { LiveCluster } from './live-cluster.js';
import { readManifestFiles } from './manifest-files.js';
import { assignObjectRoles } from './object-roles.js';
import { readScenario } from './scenario-file.js';
import { readSchedulerConfig } from './scheduler-config-file.js';
import { sourceObjects, versionDocuments, type SourceObject, type VersionDocument } from './source-objects.js';
import { listPositions, rewriteFieldErrors, singleObject, type PathRewrite } from './source-paths.js';

export interface SimulationFiles {
  /** `-f`: cluster objects and workloads mixed, told apart by object-roles.ts. */
  readonly mixed: readonly string[];
  /** `--cluster-file`: every object is cluster state. */
  readonly cluster: readonly string[];
  /** `--workloads-file`: every object is a workload to place. */
  readonly workloads: readonly string[];
  readonly schedulerConfig: string | undefined;
  /** `--scenario`: cluster edits applied before placing. */
  readonly scenario: readonly string[];
  /** `--kubernetes-version` / `--feature-gates`. */
  readonly release?: EmulationRequest;
  /** `--kubeconfig`: the cluster read through its API, after the cluster objects of the files. */
  readonly live?: LiveCluster;
}

export interface LocalSimulation {
  /** The `POST /v1/simulations` body the files make (without mode, seed and explain). */
  readonly body: {
    readonly cluster: { readonly objects: readonly unknown[] };
    readonly workloads: readonly unknown[];
    readonly schedulerConfig?: unknown;
    readonly scenario?: readonly unknown[];
    readonly kubernetesVersion?: string;
    readonly featureGates?: Readonly<Record<string, boolean>>;
  };
  /** Rewrites the pipeline's paths (`workloads[2]…`, `cluster.objects[4]…`) into file paths. */
  readonly rewrites: readonly PathRewrite[];
}

// The pipeline reports paths under these roots; they never reach the user unrewritten.
const CLUSTER_ROOT = 'cluster.objects';
const WORKLOADS_ROOT = 'workloads';
const SCHEDULER_CONFIG_ROOT = 'schedulerConfig';
/** Offline there are no teams; the pipeline wants one for stored topologies, which offline has none of. */
export const OFFLINE_TEAM = 'local';

async function objectsOf(paths: readonly string[], io: CliIo): Promise<{ objects: SourceObject[]; versions: VersionDocument[] }> {
  if (paths.length === 0) return { objects: [], versions: [] };
  const files = await readManifestFiles(paths, io);
  return { objects: sourceObjects(files), versions: versionDocuments(files) };
}

export async function readLocalSimulation(files: SimulationFiles, io: CliIo): Promise<LocalSimulation> {
  const mixedFiles = await objectsOf(files.mixed, io);
  const clusterFiles = await objectsOf(files.cluster, io);
  const mixed = assignObjectRoles(mixedFiles.objects);
  const cluster = [...mixed.cluster, ...clusterFiles.objects];
  const workloads = [...mixed.workloads, ...(await objectsOf(files.workloads, io)).objects];
  // The release the cluster runs (`kubectl version -o json` among the files) is part of the cluster.
  const versions = [...mixedFiles.versions, ...clusterFiles.versions];
  const schedulerConfig = await readSchedulerConfig(files.schedulerConfig, io);
  const scenario = await readScenario(files.scenario, io);

  const clusterFileNames = [...files.mixed, ...files.cluster].join(', ');
  const live = files.live ?? { documents: [], origins: [], label: '' };
  const wholeCluster = [...(clusterFileNames ? [`the cluster in ${clusterFileNames}`] : []), ...(files.live ? [`the cluster at ${live.label}`] : [])].join(' and ');
  const rewrites: PathRewrite[] = [
    listPositions(CLUSTER_ROOT, [...cluster.map((source) => source.path), ...versions.map((version) => version.path), ...live.origins], wholeCluster || 'the cluster in no file'),
    listPositions(WORKLOADS_ROOT, workloads.map((source) => source.path), 'the workloads'),
    ...(files.schedulerConfig === undefined ? [] : [singleObject(SCHEDULER_CONFIG_ROOT, files.schedulerConfig)]),
    ...(scenario === undefined ? [] : [scenario.rewrite]),
    releaseFlagPaths,
  ];
  if (workloads.length === 0) {
    throw badInput(
      'nothing to place: the input holds no Deployment, ReplicaSet or StatefulSet without pods of its own and no Pod without spec.nodeName (name workload files with --workloads-file)',
    );
  }
  return {
    body: {
      cluster: { objects: [...cluster.map((source) => source.object), ...versions.map((version) => version.document), ...live.documents] },
      workloads: workloads.map((source) => source.object),
      ...(schedulerConfig !== undefined ? { schedulerConfig } : {}),
      ...(scenario !== undefined ? { scenario: scenario.edits } : {}),
      ...files.release,
    },
    rewrites,
  };
}

/** The pipeline offline: the engine on this thread, the limits of the configuration (PODPLAN_MAX_PLAN_REPLICAS, …) as a server would apply them. */
export function offlinePipeline(io: CliIo): RequestPipeline {
  let config: AppConfig;
  try {
    config = loadAppConfig(io.environment);
  } catch (error) {
    if (error instanceof InvalidInputError) throw badInput('the environment is not a valid podplan configuration', error.errors);
    throw error;
  }
  return new RequestPipeline({
    engine: new InlineEngineRunner(),
    sources: OFFLINE_CLUSTER_SOURCES,
    settings: { limits: config.limits, planAsyncThreshold: Number.POSITIVE_INFINITY, simulationThreadThreshold: Number.POSITIVE_INFINITY },
  });
}

/** The pipeline's refusals (invalid input, a limit exceeded) as exit code 2, with file paths. */
export function rethrowWithFilePaths(error: unknown, rewrites: readonly PathRewrite[]): never {
  if (error instanceof DomainError && error.code === 'LIMIT_EXCEEDED') throw badInput(error.message, rewriteFieldErrors(error.errors, rewrites));
  if (error instanceof InvalidInputError) {
    const inCluster = error.errors.some((fieldError) => fieldError.path.startsWith(CLUSTER_ROOT));
    throw badInput(
      inCluster ? 'the cluster is not valid' : 'the workloads, scheduler configuration or scenario are not valid',
      rewriteFieldErrors(error.errors, rewrites),
    );
  }
  throw error;
}
