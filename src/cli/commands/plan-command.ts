/**
 * `podplan plan -f deployment.yaml --topology prod`: a stored plan on a
 * podplan server against a saved topology (`POST /v1/topologies/{id}/plans`),
 * printed like `podplan simulate`; `--explain` reads one replica's node
 * table from `GET /v1/plans/{id}/placements/{pod}/nodes`. `--plan ID`
 * prints (or explains) a stored plan again and stores nothing.
 */
import type { NodeExplanation } from '../../scheduling/planner/decision.js';
import type { Placement } from '../../simulation/simulation-result.js';
import type { CliIo } from '../cli-io.js';
import {
  choice,
  COMMON_OPTIONS,
  fieldValidationOf,
  fieldValidationParameter,
  MODES,
  OUTPUT_FORMATS,
  parseFlags,
  PLACEMENT_OPTIONS,
  positiveIntegerOf,
  required,
  seedOf,
  SERVER_OPTIONS,
} from '../command-line.js';
import { ExitCode, placementExitCode } from '../exit-codes.js';
import { rewriteFieldErrors } from '../input/source-paths.js';
import { placementTable, summaryLine } from '../output/placement-table.js';
import { ProgressBar } from '../output/progress-bar.js';
import { replicaNodesTable, type ReplicaNodes } from '../output/replica-node-table.js';
import { writeStructured } from '../output/structured-output.js';
import { writeWarnings } from '../output/warnings.js';
import { selectReplica } from '../replica-selector.js';
import { readRequestInputs } from '../server/request-inputs.js';
import { ServerClient, serverSettings } from '../server/server-client.js';
import { awaitPlan, type FinishedPlan, type StoredPlan } from '../server/stored-plan.js';
import { badInput } from '../cli-error.js';
import { resolveTopologyId } from '../server/topology-reference.js';
import { withFilePaths } from '../server/with-file-paths.js';
import { releaseFlagPaths, releaseRequestOf } from '../release-flags.js';
import { PLAN_HELP } from '../usage.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...SERVER_OPTIONS,
  ...PLACEMENT_OPTIONS,
  topology: { type: 'string' },
  revision: { type: 'string' },
  name: { type: 'string' },
  plan: { type: 'string' },
} as const;

/** What makes a new plan: meaningless with --plan, which reads a stored one. */
const PLANNING_FLAGS = ['filename', 'topology', 'revision', 'name', 'scheduler-config', 'scenario', 'seed', 'kubernetes-version', 'feature-gates'] as const;

interface ReplicaNodesPage extends Omit<ReplicaNodes, 'nextCursor'> {
  readonly nextCursor: string | null;
}

/** The API's largest page (MAX_PAGE_SIZE). */
const PAGE_SIZE = 500;

async function replicaNodes(client: ServerClient, planId: string, placement: Placement): Promise<ReplicaNodes> {
  const items: NodeExplanation[] = [];
  let cursor: string | undefined;
  let page: ReplicaNodesPage;
  do {
    page = await client.answerAs<ReplicaNodesPage>(
      client.api.GET('/v1/plans/{id}/placements/{pod}/nodes', {
        params: { path: { id: planId, pod: placement.pod }, query: { namespace: placement.namespace, limit: PAGE_SIZE, cursor } },
      }),
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return { ...page, items, nextCursor: null };
}

export async function planCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const flags = parseFlags(args, OPTIONS);
  if (flags.help) {
    io.stdout.write(PLAN_HELP);
    return ExitCode.Success;
  }
  const output = choice('output', flags.output, OUTPUT_FORMATS);
  if (flags.plan !== undefined) {
    const given = PLANNING_FLAGS.filter((flag) => flags[flag] !== undefined);
    if (given.length > 0) throw badInput(`--plan reads a stored plan; ${given.map((flag) => `--${flag}`).join(', ')} would make a new one`);
    const client = new ServerClient(serverSettings(flags.server, io.environment));
    const stored = await client.answerAs<StoredPlan>(client.api.GET('/v1/plans/{id}', { params: { path: { id: flags.plan } } }));
    return printPlan(client, await awaitPlan(client, stored, new ProgressBar(io.stderr, `plan ${stored.id}`)), flags.explain, output, io);
  }
  const mode = choice('mode', flags.mode, MODES);
  const seed = seedOf(flags.seed);
  const revision = positiveIntegerOf('revision', flags.revision);
  const release = releaseRequestOf(flags);
  const topology = required('topology', flags.topology);
  const { body, rewrites } = await readRequestInputs(
    { workloads: required('filename', flags.filename), schedulerConfig: flags['scheduler-config'], scenario: flags.scenario },
    io,
  );
  const client = new ServerClient(serverSettings(flags.server, io.environment));
  const topologyId = await resolveTopologyId(client, topology);
  const created = await withFilePaths(
    [...rewrites, releaseFlagPaths],
    client.answerAs<StoredPlan>(
      client.api.POST('/v1/topologies/{id}/plans', {
        params: { path: { id: topologyId }, query: fieldValidationParameter(fieldValidationOf(flags.validate)) },
        body: {
          ...body,
          // -f files without a document: the server's "at least one workload is required".
          workloads: body.workloads ?? [],
          ...release,
          mode,
          ...(seed !== undefined ? { seed } : {}),
          ...(flags.rollout ? { rollout: true } : {}),
          ...(revision !== undefined ? { revision } : {}),
          ...(flags.name !== undefined ? { name: flags.name } : {}),
        },
      }),
    ),
  );
  const plan = await withFilePaths(rewrites, awaitPlan(client, created, new ProgressBar(io.stderr, `plan ${created.id}`)));
  writeWarnings(io.stderr, rewriteFieldErrors(plan.warnings, rewrites));
  if (flags.explain !== undefined) {
    io.stderr.write(`stored plan ${plan.id}; "podplan plan --plan ${plan.id} --explain REPLICA" explains its replicas without storing another\n`);
  }
  return printPlan(client, plan, flags.explain, output, io);
}

/** The plan as a table or document, or with `explain` one replica's node table (read, never stored). */
async function printPlan(client: ServerClient, plan: FinishedPlan, explain: string | undefined, output: (typeof OUTPUT_FORMATS)[number], io: CliIo): Promise<ExitCode> {
  if (explain !== undefined) {
    const explanation = await replicaNodes(client, plan.id, plan.placements[selectReplica(plan.placements, explain)]);
    if (output === 'table') io.stdout.write(replicaNodesTable(explanation));
    else writeStructured(io.stdout, output, explanation);
  } else if (output === 'table') {
    const context = [`plan ${plan.id}`, `topology revision ${plan.revision}`, `${plan.mode} mode`, `kube-scheduler ${plan.kubernetesVersion}`];
    io.stdout.write(`${placementTable(plan.placements)}\n${summaryLine(plan.summary, context.join(', '))}`);
  } else {
    writeStructured(io.stdout, output, plan);
  }
  return placementExitCode(plan.summary);
}
