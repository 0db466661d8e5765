/**
 * The what-if analyses on a podplan server — `capacity`, `scale-up` and
 * `zones` (`POST /v1/analyses/capacity | scale-up | failure-domains`) —
 * with exit codes a CI job can branch on: 3 when the answer is "it does not
 * fit" (a workload with no room for even one more replica, no scale-up that
 * places everything, a workload that does not survive losing a domain).
 */
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { choice, COMMON_OPTIONS, fieldValidationOf, fieldValidationParameter, VALIDATE_OPTIONS, OUTPUT_FORMATS, parseFlags, positiveIntegerOf, SERVER_OPTIONS } from '../command-line.js';
import { ExitCode } from '../exit-codes.js';
import { readManifestFiles } from '../input/manifest-files.js';
import { listPositions, rewriteFieldErrors, type PathRewrite } from '../input/source-paths.js';
import {
  capacityFallsShort,
  capacityTable,
  failureDomainsText,
  scaleUpText,
  type CapacityDocument,
  type FailureDomainsDocument,
  type ScaleUpDocument,
} from '../output/analysis-tables.js';
import { writeStructured } from '../output/structured-output.js';
import { writeWarnings } from '../output/warnings.js';
import { ANALYSIS_INPUT_OPTIONS, readAnalysisInput } from '../server/analysis-input.js';
import type { paths } from '../server/podplan-api.js';
import { ServerClient, serverSettings } from '../server/server-client.js';
import { withFilePaths } from '../server/with-file-paths.js';
import { CAPACITY_HELP, SCALE_UP_HELP, ZONES_HELP } from '../usage.js';

export const BASE_OPTIONS = { ...COMMON_OPTIONS, ...SERVER_OPTIONS, ...ANALYSIS_INPUT_OPTIONS, ...VALIDATE_OPTIONS } as const;

export interface Warned {
  readonly warnings?: readonly { path: string; message: string }[];
}

/** The analyses the command line runs, by their route. */
export type AnalysisRoute = 'capacity' | 'scale-up' | 'failure-domains' | 'consolidation' | 'migration';

/** The JSON body of `POST /v1/analyses/{route}`, as the OpenAPI document declares it. */
type AnalysisBody = paths[`/v1/analyses/${AnalysisRoute}`]['post']['requestBody']['content']['application/json'];

export async function runAnalysis<T extends Warned>(
  io: CliIo,
  flags: Parameters<typeof readAnalysisInput>[0] & { server?: string; output: string; validate: string },
  route: AnalysisRoute,
  /** Route-specific body fields (node groups come from the user's files); may add rewrites for the files they read. */
  extra: (rewrites: PathRewrite[]) => Promise<Record<string, unknown>>,
  workloadsRequired: boolean,
): Promise<{ document: T; output: 'table' | 'json' | 'yaml' }> {
  const output = choice('output', flags.output, OUTPUT_FORMATS);
  const query = fieldValidationParameter(fieldValidationOf(flags.validate));
  const client = new ServerClient(serverSettings(flags.server, io.environment));
  const input = await readAnalysisInput(flags, client, io, workloadsRequired);
  const rewrites = [...input.rewrites];
  // The cluster and workloads are the user's files: the server validates them, with paths the rewrites bring back.
  const body = { ...input.body, ...(await extra(rewrites)) } as AnalysisBody;
  const path: `/v1/analyses/${AnalysisRoute}` = `/v1/analyses/${route}`;
  const document = await withFilePaths(rewrites, client.answerAs<T>(client.api.POST(path, { params: { query }, body })));
  writeWarnings(io.stderr, rewriteFieldErrors(document.warnings ?? [], rewrites));
  return { document, output };
}

export async function capacityCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const flags = parseFlags(args, { ...BASE_OPTIONS, mode: { type: 'string', default: 'each' }, 'max-replicas': { type: 'string' } });
  if (flags.help) {
    io.stdout.write(CAPACITY_HELP);
    return ExitCode.Success;
  }
  const mode = choice('mode', flags.mode, ['each', 'joint'] as const);
  const maxReplicas = positiveIntegerOf('max-replicas', flags['max-replicas']);
  const { document, output } = await runAnalysis<CapacityDocument & Warned>(
    io,
    flags,
    'capacity',
    async () => ({ mode, ...(maxReplicas !== undefined ? { maxReplicas } : {}) }),
    true,
  );
  if (output === 'table') io.stdout.write(capacityTable(document));
  else writeStructured(io.stdout, output, document);
  return capacityFallsShort(document) ? ExitCode.Unplaceable : ExitCode.Success;
}

export async function scaleUpCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const flags = parseFlags(args, { ...BASE_OPTIONS, 'node-groups': { type: 'string' } });
  if (flags.help) {
    io.stdout.write(SCALE_UP_HELP);
    return ExitCode.Success;
  }
  const nodeGroupsFile = flags['node-groups'];
  if (nodeGroupsFile === undefined) throw badInput('--node-groups is required');
  const { document, output } = await runAnalysis<ScaleUpDocument & Warned>(
    io,
    flags,
    'scale-up',
    async (rewrites) => {
      // A list of { name, template, zones, maxCount, price }: one per YAML document, or one list.
      const [file] = await readManifestFiles([nodeGroupsFile], io);
      rewrites.push(listPositions('nodeGroups', file.documents.map((_, index) => `${file.label}[${index}]`), file.label));
      return { nodeGroups: file.documents };
    },
    true,
  );
  if (output === 'table') io.stdout.write(scaleUpText(document));
  else writeStructured(io.stdout, output, document);
  return document.feasible ? ExitCode.Success : ExitCode.Unplaceable;
}

export async function zonesCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const flags = parseFlags(args, { ...BASE_OPTIONS, 'topology-key': { type: 'string' } });
  if (flags.help) {
    io.stdout.write(ZONES_HELP);
    return ExitCode.Success;
  }
  const topologyKey = flags['topology-key'];
  const { document, output } = await runAnalysis<FailureDomainsDocument & Warned>(
    io,
    flags,
    'failure-domains',
    async () => (topologyKey !== undefined ? { topologyKey } : {}),
    false,
  );
  if (output === 'table') io.stdout.write(failureDomainsText(document));
  else writeStructured(io.stdout, output, document);
  return document.verdicts.every((verdict) => verdict.fullyRecovers) ? ExitCode.Success : ExitCode.Unplaceable;
}
