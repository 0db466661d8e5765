/**
 * `podplan consolidate` (POST /v1/analyses/consolidation: which nodes can go)
 * and `podplan migrate` (POST /v1/analyses/migration: what moving a node pool
 * to other node groups needs). `migrate` exits 3 when some pod cannot move.
 */
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { choice, parseFlags, positiveIntegerOf } from '../command-line.js';
import { ExitCode } from '../exit-codes.js';
import { readManifestFiles } from '../input/manifest-files.js';
import { listPositions, type PathRewrite } from '../input/source-paths.js';
import { consolidationText, migrationText, type ConsolidationDocument, type MigrationDocument } from '../output/right-sizing-tables.js';
import { writeStructured } from '../output/structured-output.js';
import { CONSOLIDATE_HELP, MIGRATE_HELP } from '../usage.js';
import { BASE_OPTIONS, runAnalysis, type Warned } from './analysis-commands.js';

/** --ignore names → the request's switches. */
const IGNORABLE_RULES = ['replicated', 'system', 'not-safe-to-evict', 'local-storage', 'pdb'] as const;

async function nodeGroupsOf(file: string, io: CliIo, rewrites: PathRewrite[]): Promise<unknown[]> {
  // A list of { name, template, zones, maxCount, price }: one per YAML document, or one list.
  const [read] = await readManifestFiles([file], io);
  rewrites.push(listPositions('nodeGroups', read.documents.map((_, index) => `${read.label}[${index}]`), read.label));
  return read.documents;
}

function timeBudgetOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw badInput(`--time-budget must be milliseconds (0 or more), not "${value}"`);
  return Number(value);
}

export async function consolidateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const flags = parseFlags(args, {
    ...BASE_OPTIONS,
    candidates: { type: 'string' },
    'keep-per-zone': { type: 'string' },
    ignore: { type: 'string', multiple: true },
    objective: { type: 'string', default: 'nodes' },
    'node-groups': { type: 'string' },
    'time-budget': { type: 'string' },
  });
  if (flags.help) {
    io.stdout.write(CONSOLIDATE_HELP);
    return ExitCode.Success;
  }
  const objective = choice('objective', flags.objective, ['nodes', 'price'] as const);
  const ignored = new Set((flags.ignore ?? []).map((rule) => choice('ignore', rule, IGNORABLE_RULES)));
  const keepPerZone = positiveIntegerOf('keep-per-zone', flags['keep-per-zone']);
  const timeBudgetMs = timeBudgetOf(flags['time-budget']);
  const nodeGroupsFile = flags['node-groups'];
  const { document, output } = await runAnalysis<ConsolidationDocument & Warned>(
    io,
    flags,
    'consolidation',
    async (rewrites) => ({
      ...(flags.candidates !== undefined ? { candidates: flags.candidates } : {}),
      ...(keepPerZone !== undefined ? { keepPerZone } : {}),
      ...(ignored.has('pdb') ? { respectPdbs: false } : {}),
      rules: { replicated: !ignored.has('replicated'), system: !ignored.has('system'), notSafeToEvict: !ignored.has('not-safe-to-evict'), localStorage: !ignored.has('local-storage') },
      objective,
      ...(nodeGroupsFile !== undefined ? { nodeGroups: await nodeGroupsOf(nodeGroupsFile, io, rewrites) } : {}),
      ...(timeBudgetMs !== undefined ? { timeBudgetMs } : {}),
    }),
    false,
  );
  if (output === 'table') io.stdout.write(consolidationText(document));
  else writeStructured(io.stdout, output, document);
  return ExitCode.Success;
}

export async function migrateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const flags = parseFlags(args, {
    ...BASE_OPTIONS,
    from: { type: 'string' },
    'node-groups': { type: 'string' },
    'keep-old': { type: 'boolean' },
    'from-price': { type: 'string' },
    'time-budget': { type: 'string' },
  });
  if (flags.help) {
    io.stdout.write(MIGRATE_HELP);
    return ExitCode.Success;
  }
  const from = flags.from;
  if (from === undefined) throw badInput('--from is required (a label selector of the nodes to empty)');
  const nodeGroupsFile = flags['node-groups'];
  if (nodeGroupsFile === undefined) throw badInput('--node-groups is required');
  const fromPrice = flags['from-price'] === undefined ? undefined : Number(flags['from-price']);
  if (fromPrice !== undefined && !(Number.isFinite(fromPrice) && fromPrice >= 0)) throw badInput(`--from-price must be a price (0 or more), not "${flags['from-price']}"`);
  const timeBudgetMs = timeBudgetOf(flags['time-budget']);
  const { document, output } = await runAnalysis<MigrationDocument & Warned>(
    io,
    flags,
    'migration',
    async (rewrites) => ({
      from,
      nodeGroups: await nodeGroupsOf(nodeGroupsFile, io, rewrites),
      ...(flags['keep-old'] ? { keepOld: true } : {}),
      ...(fromPrice !== undefined ? { fromPrice } : {}),
      ...(timeBudgetMs !== undefined ? { timeBudgetMs } : {}),
    }),
    false,
  );
  if (output === 'table') io.stdout.write(migrationText(document));
  else writeStructured(io.stdout, output, document);
  return document.feasible ? ExitCode.Success : ExitCode.Unplaceable;
}
