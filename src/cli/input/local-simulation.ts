/**
 * `podplan simulate` without a server: the files become the same validated
 * simulation `POST /v1/simulations` runs (importCluster, then
 * prepareSimulation), with every error and warning path pointing into the
 * user's files.
 */
import { importCluster } from '../../kube/cluster-import.js';
import { InvalidInputError, type FieldError } from '../../kube/field-error.js';
import { ClusterState } from '../../scheduling/model/cluster-state.js';
import type { EmulationRequest } from '../../scheduling/release/emulation.js';
import { prepareSimulation, type PreparedSimulation } from '../../simulation/run-simulation.js';
import { releaseFlagPaths } from '../release-flags.js';
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
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
}

export interface LocalSimulation {
  readonly prepared: PreparedSimulation;
  /** Skipped kinds, pods on missing nodes: worth a line on stderr, not a failure. */
  readonly importWarnings: readonly FieldError[];
  /** Rewrites engine paths (`workloads[2]…`) into file paths, for warnings in the result. */
  readonly rewrites: readonly PathRewrite[];
}

// The engine reports paths under these roots; they never reach the user unrewritten.
const CLUSTER_ROOT = 'cluster';
const WORKLOADS_ROOT = 'workloads';
const SCHEDULER_CONFIG_ROOT = 'schedulerConfig';

async function objectsOf(paths: readonly string[], io: CliIo): Promise<{ objects: SourceObject[]; versions: VersionDocument[] }> {
  if (paths.length === 0) return { objects: [], versions: [] };
  const files = await readManifestFiles(paths, io);
  return { objects: sourceObjects(files), versions: versionDocuments(files) };
}

function rethrowWithFilePaths(error: unknown, message: string, rewrites: readonly PathRewrite[]): never {
  if (error instanceof InvalidInputError) throw badInput(message, rewriteFieldErrors(error.errors, rewrites));
  throw error;
}

export async function prepareLocalSimulation(files: SimulationFiles, io: CliIo): Promise<LocalSimulation> {
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
  const rewrites: PathRewrite[] = [
    listPositions(CLUSTER_ROOT, [...cluster.map((source) => source.path), ...versions.map((version) => version.path)], `the cluster in ${clusterFileNames || 'no file'}`),
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

  let imported;
  try {
    imported = importCluster([...cluster.map((source) => source.object), ...versions.map((version) => version.document)], { basePath: CLUSTER_ROOT, requireNodes: true });
  } catch (error) {
    rethrowWithFilePaths(error, 'the cluster is not valid', rewrites);
  }
  let prepared: PreparedSimulation;
  try {
    prepared = prepareSimulation(
      ClusterState.fromObjects(imported.objects),
      workloads.map((source) => source.object),
      schedulerConfig,
      imported.objects,
      [],
      scenario?.edits,
      files.release,
    );
  } catch (error) {
    rethrowWithFilePaths(error, 'the workloads, scheduler configuration or scenario are not valid', rewrites);
  }
  return { prepared, importWarnings: rewriteFieldErrors(imported.warnings, rewrites), rewrites };
}
