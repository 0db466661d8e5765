/**
 * `podplan topology import|list`: saved topologies on a podplan server.
 * `import` stores a dump under a name; importing again under the same name
 * adds a revision to that topology (`PUT`), so a nightly job keeps one
 * topology whose history plans can be compared across. With `--kubeconfig`
 * the objects are read from the cluster's API instead of files. Either way
 * an import that changes nothing scheduling reads stores no revision (the
 * server compares it with the latest one) and says so.
 */
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { choice, COMMON_OPTIONS, fieldValidationOf, fieldValidationParameter, OUTPUT_FORMATS, parseFlags, required, SERVER_OPTIONS, VALIDATE_OPTIONS } from '../command-line.js';
import { ExitCode } from '../exit-codes.js';
import { assertKubeconfigFlags, KUBECONFIG_OPTIONS, readLiveCluster } from '../input/live-cluster.js';
import { readManifestFiles } from '../input/manifest-files.js';
import { listPositions, rewriteFieldErrors } from '../input/source-paths.js';
import { writeStructured } from '../output/structured-output.js';
import { textTable } from '../output/text-table.js';
import { writeWarnings } from '../output/warnings.js';
import { ServerClient, serverSettings } from '../server/server-client.js';
import { listAllTopologies, topologiesNamed, type TopologyListItem } from '../server/topology-reference.js';
import { withFilePaths } from '../server/with-file-paths.js';
import { TOPOLOGY_HELP, TOPOLOGY_IMPORT_HELP, TOPOLOGY_LIST_HELP } from '../usage.js';

interface StoredTopology extends TopologyListItem {
  readonly warnings: readonly { path: string; message: string }[];
  /** On PUT: the objects equal the latest revision's, which stays (nothing stored). */
  readonly unchanged?: boolean;
}

const IMPORT_OPTIONS = {
  ...COMMON_OPTIONS,
  ...SERVER_OPTIONS,
  ...KUBECONFIG_OPTIONS,
  ...VALIDATE_OPTIONS,
  filename: { type: 'string', short: 'f', multiple: true },
  name: { type: 'string' },
} as const;

const LIST_OPTIONS = { ...COMMON_OPTIONS, ...SERVER_OPTIONS } as const;

/** The request's root for uploaded objects; server paths under it are rewritten into the files. */
const OBJECTS_ROOT = 'objects';

function topologyTable(topologies: readonly TopologyListItem[]): string {
  return textTable(
    ['ID', 'NAME', 'REVISION', 'NODES', 'PODS', 'PENDING', 'ZONES'],
    topologies.map((topology) => [
      topology.id,
      topology.name,
      String(topology.revision),
      String(topology.summary.nodes),
      String(topology.summary.pods),
      String(topology.summary.pendingPods),
      topology.summary.zones.join(',') || '<none>',
    ]),
  );
}

async function importTopology(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const flags = parseFlags(args, IMPORT_OPTIONS);
  if (flags.help) {
    io.stdout.write(TOPOLOGY_IMPORT_HELP);
    return ExitCode.Success;
  }
  const output = choice('output', flags.output, OUTPUT_FORMATS);
  const name = required('name', flags.name);
  assertKubeconfigFlags(flags);
  if (flags.kubeconfig !== undefined && flags.filename !== undefined) throw badInput('give the cluster either with -f FILE or with --kubeconfig, not both');
  if (flags.kubeconfig === undefined) required('filename', flags.filename);
  const query = fieldValidationParameter(fieldValidationOf(flags.validate));
  const client = new ServerClient(serverSettings(flags.server, io.environment));

  const { objects, rewrites } = flags.kubeconfig !== undefined ? await liveObjects({ ...flags, kubeconfig: flags.kubeconfig }, io) : await fileObjects(flags.filename!, io);
  const existing = await topologiesNamed(client, name);
  if (existing.length > 1) {
    throw badInput(`--name ${name}: ${existing.length} topologies have this name (${existing.map((topology) => topology.id).join(', ')}); rename or delete all but one`);
  }
  const stored = await withFilePaths(
    rewrites,
    existing.length === 1
      ? client.answer(client.api.PUT('/v1/topologies/{id}', { params: { path: { id: existing[0].id }, query }, body: { objects } }))
      : client.answer(client.api.POST('/v1/topologies', { params: { query }, body: { name, objects } })),
  );
  // The server compares with the latest revision: equal objects store nothing (its warnings were shown when it was stored).
  if (stored.unchanged) io.stderr.write(`topology ${name} is unchanged since revision ${stored.revision}: no revision stored\n`);
  else writeWarnings(io.stderr, rewriteFieldErrors(stored.warnings, rewrites));
  if (output === 'table') io.stdout.write(topologyTable([stored]));
  else writeStructured(io.stdout, output, stored);
  return ExitCode.Success;
}

async function fileObjects(paths: readonly string[], io: CliIo) {
  const files = await readManifestFiles(paths, io);
  const origins = files.flatMap((file) => file.documents.map((_, index) => `${file.label}[${index}]`));
  return { objects: files.flatMap((file) => file.documents), rewrites: [listPositions(OBJECTS_ROOT, origins, files.map((file) => file.label).join(', '))] };
}

/** The cluster read through its API: the same documents a dump holds, imported by the same server code. */
async function liveObjects(flags: Parameters<typeof readLiveCluster>[0], io: CliIo) {
  const live = await readLiveCluster(flags, io);
  return { objects: live.documents, rewrites: [listPositions(OBJECTS_ROOT, live.origins, live.label)] };
}

async function listTopologies(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const flags = parseFlags(args, LIST_OPTIONS);
  if (flags.help) {
    io.stdout.write(TOPOLOGY_LIST_HELP);
    return ExitCode.Success;
  }
  const output = choice('output', flags.output, OUTPUT_FORMATS);
  const topologies = await listAllTopologies(new ServerClient(serverSettings(flags.server, io.environment)));
  if (output === 'table') io.stdout.write(topologies.length === 0 ? 'No topologies found.\n' : topologyTable(topologies));
  else writeStructured(io.stdout, output, { items: topologies, nextCursor: null });
  return ExitCode.Success;
}

export async function topologyCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'import':
      return importTopology(rest, io);
    case 'list':
      return listTopologies(rest, io);
    case '-h':
    case '--help':
      io.stdout.write(TOPOLOGY_HELP);
      return ExitCode.Success;
    case undefined:
      io.stderr.write(TOPOLOGY_HELP);
      return ExitCode.BadInput;
    default:
      throw badInput(`unknown command "topology ${subcommand}" (podplan topology --help lists them)`);
  }
}
