/**
 * `podplan serve` and `podplan worker`: the service itself, configured from
 * the environment exactly as `npm start` (see README "Configuration"). The
 * service is loaded only for these commands, so `podplan simulate` starts
 * without Nest or a database.
 * - `serve`: the API. With Postgres (DATABASE_URL) it is the API alone and
 *   plan jobs are left to `podplan worker` processes; with the embedded store
 *   it also runs the jobs, since no other process can reach that server.
 *   PODPLAN_ROLE=all makes an API process take jobs with Postgres too.
 * - `worker`: plan jobs only (needs DATABASE_URL), health probes on PORT.
 * The command returns once the service is up; the process then lives as long
 * as the service does (SIGTERM/SIGINT shut it down gracefully).
 */
import { InvalidInputError } from '../../kube/field-error.js';
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { parseFlags } from '../command-line.js';
import { ExitCode } from '../exit-codes.js';
import { SERVE_HELP, WORKER_HELP } from '../usage.js';

type ServiceRole = 'all' | 'serve' | 'worker';

const OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

function serveRole(environment: Readonly<Record<string, string | undefined>>): ServiceRole {
  const requested = environment.PODPLAN_ROLE || undefined;
  if (requested === 'worker') throw badInput('PODPLAN_ROLE=worker contradicts "podplan serve"; run "podplan worker" instead');
  if (requested === 'all' || requested === 'serve') return requested;
  return environment.DATABASE_URL ? 'serve' : 'all';
}

async function start(role: ServiceRole, io: CliIo): Promise<ExitCode> {
  const { loadAppConfig } = await import('../../config/app-config.js');
  const { startPodplan } = await import('../../process-entry.js');
  let config;
  try {
    config = loadAppConfig({ ...io.environment, PODPLAN_ROLE: role });
  } catch (error) {
    if (error instanceof InvalidInputError) throw badInput('the service configuration is not valid', error.errors);
    throw error;
  }
  await startPodplan(config);
  return ExitCode.Success;
}

export async function serveCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  if (parseFlags(args, OPTIONS).help) {
    io.stdout.write(SERVE_HELP);
    return ExitCode.Success;
  }
  return start(serveRole(io.environment), io);
}

export async function workerCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  if (parseFlags(args, OPTIONS).help) {
    io.stdout.write(WORKER_HELP);
    return ExitCode.Success;
  }
  return start('worker', io);
}
