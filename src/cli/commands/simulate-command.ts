/**
 * `podplan simulate`: the whole of `POST /v1/simulations`, offline and
 * in-process — no server, no database. The same pipeline, same result document
 * (`-o json`), the same replica-by-replica explanations (`--explain`).
 * `--kubeconfig` reads the cluster through its API instead of (or beside) files.
 */
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { choice, COMMON_OPTIONS, fieldValidationOf, MODES, OUTPUT_FORMATS, parseFlags, PLACEMENT_OPTIONS, seedOf } from '../command-line.js';
import { ExitCode, placementExitCode } from '../exit-codes.js';
import { releaseRequestOf } from '../release-flags.js';
import { assertKubeconfigFlags, KUBECONFIG_OPTIONS, readLiveCluster } from '../input/live-cluster.js';
import { OFFLINE_TEAM, offlinePipeline, readLocalSimulation, rethrowWithFilePaths } from '../input/local-simulation.js';
import { rewriteFieldErrors } from '../input/source-paths.js';
import { placementTable, summaryLine } from '../output/placement-table.js';
import { ProgressBar } from '../output/progress-bar.js';
import { replicaNodesTable, type ReplicaNodes } from '../output/replica-node-table.js';
import { writeStructured } from '../output/structured-output.js';
import { writeWarnings } from '../output/warnings.js';
import { selectReplica } from '../replica-selector.js';
import { SIMULATE_HELP } from '../usage.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...PLACEMENT_OPTIONS,
  ...KUBECONFIG_OPTIONS,
  'cluster-file': { type: 'string', multiple: true },
  'workloads-file': { type: 'string', multiple: true },
} as const;

export async function simulateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const flags = parseFlags(args, OPTIONS);
  if (flags.help) {
    io.stdout.write(SIMULATE_HELP);
    return ExitCode.Success;
  }
  const output = choice('output', flags.output, OUTPUT_FORMATS);
  const mode = choice('mode', flags.mode, MODES);
  const seed = seedOf(flags.seed);
  assertKubeconfigFlags(flags);
  const fieldValidation = fieldValidationOf(flags.validate);
  const files = {
    mixed: flags.filename ?? [],
    cluster: flags['cluster-file'] ?? [],
    workloads: flags['workloads-file'] ?? [],
    schedulerConfig: flags['scheduler-config'],
    scenario: flags.scenario ?? [],
    release: releaseRequestOf(flags),
  };
  if (files.mixed.length + files.cluster.length + files.workloads.length === 0) {
    throw badInput(
      flags.kubeconfig === undefined
        ? 'no input: give the cluster and the workloads with -f FILE (repeatable), or --cluster-file and --workloads-file'
        : 'no workloads: give them with -f FILE or --workloads-file (the cluster comes from --kubeconfig)',
    );
  }

  const live = flags.kubeconfig === undefined ? undefined : await readLiveCluster({ ...flags, kubeconfig: flags.kubeconfig }, io);
  const local = await readLocalSimulation({ ...files, ...(live ? { live } : {}) }, io);
  const pipeline = offlinePipeline(io);
  const body = { ...local.body, mode, ...(seed !== undefined ? { seed } : {}), ...(flags.rollout ? { rollout: true } : {}), explain: 'summary' };
  const progress = new ProgressBar(io.stderr, 'placing replicas');
  let simulated;
  try {
    simulated = await pipeline.simulate(OFFLINE_TEAM, body, {
      fieldValidation,
      onImportWarnings: (warnings) => writeWarnings(io.stderr, rewriteFieldErrors(warnings, local.rewrites)),
      onProgress: (done, total) => progress.update(done, total),
    });
  } catch (error) {
    rethrowWithFilePaths(error, local.rewrites);
  } finally {
    progress.finish();
  }
  const result = { ...simulated, warnings: rewriteFieldErrors(simulated.warnings, local.rewrites) };
  writeWarnings(io.stderr, result.warnings);

  if (flags.explain !== undefined) {
    const index = selectReplica(result.placements, flags.explain);
    const placement = result.placements[index];
    const items = await pipeline.explainSimulatedReplica(OFFLINE_TEAM, body, index, { fieldValidation }).catch((error: unknown) => rethrowWithFilePaths(error, local.rewrites));
    const explanation: ReplicaNodes = {
      pod: placement.pod,
      namespace: placement.namespace,
      node: placement.node,
      message: placement.message,
      totalCount: items.length,
      items,
      nextCursor: null,
    };
    if (output === 'table') io.stdout.write(replicaNodesTable(explanation));
    else writeStructured(io.stdout, output, explanation);
  } else if (output === 'table') {
    const context = [`${result.mode} mode`, ...(result.seed !== undefined ? [`seed ${result.seed}`] : []), `kube-scheduler ${result.kubernetesVersion}`];
    io.stdout.write(`${placementTable(result.placements)}\n${summaryLine(result.summary, context.join(', '))}`);
  } else {
    writeStructured(io.stdout, output, result);
  }
  return placementExitCode(result.summary);
}
