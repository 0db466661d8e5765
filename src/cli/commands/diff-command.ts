/**
 * `podplan diff PLAN_A PLAN_B` (`GET /v1/plans/{a}/diff/{b}`): what changed
 * between two plans — replicas that moved, that found a node, that lost
 * theirs. Exits 3 when a replica placed in A is unplaceable in B, so a
 * nightly rerun against a new topology revision can fail a pipeline.
 */
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { choice, COMMON_OPTIONS, OUTPUT_FORMATS, parseCommandLine, SERVER_OPTIONS } from '../command-line.js';
import { ExitCode } from '../exit-codes.js';
import { writeStructured } from '../output/structured-output.js';
import { textTable } from '../output/text-table.js';
import { ServerClient, serverSettings } from '../server/server-client.js';
import { DIFF_HELP } from '../usage.js';

interface ReplicaRef {
  readonly workload: { readonly kind: string; readonly name: string };
  readonly replica: number;
  readonly pod: string;
}

interface PlanDiffDocument {
  readonly moved: readonly (ReplicaRef & { readonly from: string; readonly to: string })[];
  readonly newlyPlaced: readonly (ReplicaRef & { readonly node: string })[];
  readonly newlyUnplaceable: readonly (ReplicaRef & { readonly was: string; readonly message: string })[];
  readonly unchanged: number;
  readonly onlyInFirst: number;
  readonly onlyInSecond: number;
  readonly sharedWorkloads: number;
}

function row(change: string, ref: ReplicaRef, from: string, to: string, reason: string): string[] {
  return [change, `${ref.workload.kind.toLowerCase()}/${ref.workload.name}`, String(ref.replica), ref.pod, from, to, reason];
}

function diffText(diff: PlanDiffDocument): string {
  const rows = [
    ...diff.moved.map((entry) => row('moved', entry, entry.from, entry.to, '')),
    ...diff.newlyPlaced.map((entry) => row('placed', entry, '<none>', entry.node, '')),
    ...diff.newlyUnplaceable.map((entry) => row('unplaceable', entry, entry.was, '<none>', entry.message)),
  ];
  const table = rows.length === 0 ? 'No replica changed node.\n' : textTable(['CHANGE', 'WORKLOAD', 'REPLICA', 'POD', 'FROM', 'TO', 'REASON'], rows);
  const summary = `${diff.moved.length} moved, ${diff.newlyPlaced.length} newly placed, ${diff.newlyUnplaceable.length} newly unplaceable, ${diff.unchanged} unchanged`;
  return `${table}\n${summary}\n`;
}

export async function diffCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values: flags, positionals } = parseCommandLine(args, { ...COMMON_OPTIONS, ...SERVER_OPTIONS }, 2);
  if (flags.help) {
    io.stdout.write(DIFF_HELP);
    return ExitCode.Success;
  }
  const output = choice('output', flags.output, OUTPUT_FORMATS);
  const [first, second] = positionals;
  const client = new ServerClient(serverSettings(flags.server, io.environment));
  const diff = await client.answerAs<PlanDiffDocument>(client.api.GET('/v1/plans/{first}/diff/{second}', { params: { path: { first, second } } }));
  if (diff.sharedWorkloads === 0) {
    // Nothing matched, so "no replica changed" would be a false all-clear: the plans are about different workloads.
    throw badInput(
      `plans ${positionals[0]} and ${positionals[1]} share no workload (${diff.onlyInFirst} replica(s) only in the first, ${diff.onlyInSecond} only in the second): there is nothing to compare`,
    );
  }
  if (output === 'table') io.stdout.write(diffText(diff));
  else writeStructured(io.stdout, output, diff);
  return diff.newlyUnplaceable.length > 0 ? ExitCode.Unplaceable : ExitCode.Success;
}
