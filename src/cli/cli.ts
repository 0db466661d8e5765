/**
 * `podplan <command>`: dispatches to a command and turns every outcome into
 * an exit code and stderr text. Commands throw CliError for what the user can
 * act on; anything else is a bug or an environment failure (exit code 1).
 */
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { capacityCommand, scaleUpCommand, zonesCommand } from './commands/analysis-commands.js';
import { diffCommand } from './commands/diff-command.js';
import { consolidateCommand, migrateCommand } from './commands/right-sizing-commands.js';
import { planCommand } from './commands/plan-command.js';
import { serveCommand, workerCommand } from './commands/service-commands.js';
import { simulateCommand } from './commands/simulate-command.js';
import { topologyCommand } from './commands/topology-command.js';
import { ExitCode } from './exit-codes.js';
import { MAIN_HELP } from './usage.js';

type Command = (args: readonly string[], io: CliIo) => Promise<ExitCode>;

const COMMANDS: Readonly<Record<string, Command>> = {
  simulate: simulateCommand,
  plan: planCommand,
  topology: topologyCommand,
  capacity: capacityCommand,
  'scale-up': scaleUpCommand,
  zones: zonesCommand,
  consolidate: consolidateCommand,
  migrate: migrateCommand,
  diff: diffCommand,
  serve: serveCommand,
  worker: workerCommand,
};

function reportError(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CliError) {
    io.stderr.write(`error: ${error.message}\n`);
    for (const fieldError of error.errors) io.stderr.write(`  ${fieldError.path}: ${fieldError.message}\n`);
    return error.exitCode;
  }
  io.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return ExitCode.Failure;
}

export async function runCli(args: readonly string[], io: CliIo, version: string): Promise<ExitCode> {
  const [name, ...rest] = args;
  if (name === undefined) {
    io.stderr.write(MAIN_HELP);
    return ExitCode.BadInput;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(MAIN_HELP);
    return ExitCode.Success;
  }
  if (name === '--version' || name === 'version') {
    io.stdout.write(`podplan ${version}\n`);
    return ExitCode.Success;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr.write(`error: unknown command "${name}"\n\n${MAIN_HELP}`);
    return ExitCode.BadInput;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}
