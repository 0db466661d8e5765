/**
 * The request body every what-if analysis shares (api-contract.md "What-if
 * analyses"): the cluster — a saved topology (`--topology`, `--revision`) or
 * files sent inline (`--cluster-file`) — the workloads (`-f`), the scheduler
 * configuration and the scenario, with the rewrites that bring the server's
 * error paths back into those files.
 */
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { positiveIntegerOf } from '../command-line.js';
import { readManifestFiles } from '../input/manifest-files.js';
import { readScenario } from '../input/scenario-file.js';
import { readSchedulerConfig } from '../input/scheduler-config-file.js';
import { sourceObjects } from '../input/source-objects.js';
import { listPositions, singleObject, type PathRewrite } from '../input/source-paths.js';
import type { ServerClient } from './server-client.js';
import { resolveTopologyId } from './topology-reference.js';

/** Flags of every analysis command. */
export const ANALYSIS_INPUT_OPTIONS = {
  filename: { type: 'string', short: 'f', multiple: true },
  topology: { type: 'string' },
  revision: { type: 'string' },
  'cluster-file': { type: 'string', multiple: true },
  'scheduler-config': { type: 'string' },
  scenario: { type: 'string', multiple: true },
} as const;

export interface AnalysisInputFlags {
  readonly filename?: string[];
  readonly topology?: string;
  readonly revision?: string;
  readonly 'cluster-file'?: string[];
  readonly 'scheduler-config'?: string;
  readonly scenario?: string[];
}

export interface AnalysisInput {
  readonly body: Record<string, unknown>;
  readonly rewrites: readonly PathRewrite[];
}

export async function readAnalysisInput(flags: AnalysisInputFlags, client: ServerClient, io: CliIo, workloadsRequired: boolean): Promise<AnalysisInput> {
  const clusterFiles = flags['cluster-file'] ?? [];
  if ((flags.topology === undefined) === (clusterFiles.length === 0)) {
    throw badInput('give the cluster either as --topology NAME|ID or as --cluster-file FILE, not both');
  }
  if (flags.revision !== undefined && flags.topology === undefined) throw badInput('--revision needs --topology');
  if (workloadsRequired && (flags.filename ?? []).length === 0) throw badInput('--filename is required');

  const workloads = sourceObjects(await readManifestFiles(flags.filename ?? [], io));
  const schedulerConfig = await readSchedulerConfig(flags['scheduler-config'], io);
  const scenario = await readScenario(flags.scenario, io);
  const rewrites: PathRewrite[] = [
    listPositions('workloads', workloads.map((source) => source.path), 'the workloads'),
    ...(flags['scheduler-config'] === undefined ? [] : [singleObject('schedulerConfig', flags['scheduler-config'])]),
    ...(scenario === undefined ? [] : [scenario.rewrite]),
  ];
  const body: Record<string, unknown> = {};
  if (flags.topology !== undefined) {
    body.topologyId = await resolveTopologyId(client, flags.topology);
    const revision = positiveIntegerOf('revision', flags.revision);
    if (revision !== undefined) body.revision = revision;
  } else {
    const cluster = sourceObjects(await readManifestFiles(clusterFiles, io));
    body.cluster = { objects: cluster.map((source) => source.object) };
    rewrites.push(listPositions('cluster.objects', cluster.map((source) => source.path), clusterFiles.join(', ')));
  }
  if (workloads.length > 0) body.workloads = workloads.map((source) => source.object);
  if (schedulerConfig !== undefined) body.schedulerConfig = schedulerConfig;
  if (scenario !== undefined) body.scenario = scenario.edits;
  return { body, rewrites };
}
