/**
 * The request body every what-if analysis shares (api-contract.md "What-if
 * analyses"): the cluster — a saved topology (`--topology`, `--revision`) or
 * files sent inline (`--cluster-file`) — plus the workloads, scheduler
 * configuration and scenario of request-inputs.ts.
 */
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { positiveIntegerOf } from '../command-line.js';
import { readManifestFiles } from '../input/manifest-files.js';
import { sourceObjects } from '../input/source-objects.js';
import { listPositions, type PathRewrite } from '../input/source-paths.js';
import { readRequestInputs } from './request-inputs.js';
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
  if (flags.topology === undefined && clusterFiles.length === 0) throw badInput('no cluster: give --topology NAME|ID or --cluster-file FILE');
  if (flags.topology !== undefined && clusterFiles.length > 0) {
    throw badInput('give the cluster either as --topology NAME|ID or as --cluster-file FILE, not both');
  }
  if (flags.revision !== undefined && flags.topology === undefined) throw badInput('--revision needs --topology');
  if (workloadsRequired && (flags.filename ?? []).length === 0) throw badInput('--filename is required');

  const inputs = await readRequestInputs(
    { workloads: flags.filename ?? [], schedulerConfig: flags['scheduler-config'], scenario: flags.scenario },
    io,
  );
  const body: Record<string, unknown> = { ...inputs.body };
  const rewrites = [...inputs.rewrites];
  if (flags.topology !== undefined) {
    body.topologyId = await resolveTopologyId(client, flags.topology);
    const revision = positiveIntegerOf('revision', flags.revision);
    if (revision !== undefined) body.revision = revision;
  } else {
    const cluster = sourceObjects(await readManifestFiles(clusterFiles, io));
    body.cluster = { objects: cluster.map((source) => source.object) };
    rewrites.push(listPositions('cluster.objects', cluster.map((source) => source.path), clusterFiles.join(', ')));
  }
  return { body, rewrites };
}
