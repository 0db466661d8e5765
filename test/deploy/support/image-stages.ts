/**
 * Runs a Dockerfile's stages without Docker: each stage is a temporary
 * directory standing for its WORKDIR (/app), starting empty (the base image's
 * /app is). COPY copies from the repository (the build context) or from
 * another stage's directory; every `npm …` command of a RUN runs verbatim in
 * a clean environment (PATH, HOME and the stage's ENV, as in a build
 * container). Stages run concurrently where they do not depend on each other,
 * as BuildKit runs them. `--mount=type=cache` is left to npm's own cache on
 * this machine, which is what the cache mount is for.
 *
 * Every RUN command runs verbatim in the stage's directory (`npm …`, and
 * anything else that stays inside it), except root filesystem
 * set-up such as creating /data, which cannot run outside a container: such
 * a command must be listed in `containerOnlyCommands` (the static test pins
 * that list), and one that names an absolute path without being listed fails
 * the run, so a new RUN step is never skipped unnoticed.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { copyStepOf, environmentOf, runCommandsOf, type Dockerfile, type DockerInstruction, type DockerStage } from './dockerfile.js';

const WORKDIR = '/app';

export interface StageRun {
  readonly stage: DockerStage;
  /** The directory standing for the stage's /app. */
  readonly directory: string;
  /** Each command run, with how long it took. */
  readonly commands: readonly { command: string; milliseconds: number }[];
}

export interface StageRunOptions {
  readonly contextDirectory: string;
  /** Each stage gets `<workDirectory>/<stage name>`. */
  readonly workDirectory: string;
  /** RUN commands that only make sense inside a container, checked by the static test instead. */
  readonly containerOnlyCommands: readonly string[];
}

function runShell(command: string, directory: string, environment: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: directory, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`\`${command}\` failed (${signal ?? `exit ${code}`}) in ${directory}:\n${output.slice(-4_000)}`)),
    );
  });
}

/** `/app/dist/src` in stage `build` → `<build directory>/dist/src`. */
function stagePath(directory: string, path: string): string {
  const absolute = normalize(path.startsWith('/') ? path : join(WORKDIR, path));
  if (absolute !== WORKDIR && !absolute.startsWith(`${WORKDIR}/`)) throw new Error(`${path} is outside ${WORKDIR}: cannot be reproduced outside a container`);
  return join(directory, absolute.slice(WORKDIR.length));
}

export async function runStages(dockerfile: Dockerfile, options: StageRunOptions): Promise<Map<string, StageRun>> {
  const runs = new Map<string, Promise<StageRun>>();
  const runOf = (name: string): Promise<StageRun> => {
    const run = runs.get(name);
    if (!run) throw new Error(`COPY --from=${name}: no such stage before it`);
    return run;
  };

  async function copy(instruction: DockerInstruction, directory: string): Promise<void> {
    const step = copyStepOf(instruction);
    const sourceRoot = step.fromStage === undefined ? undefined : (await runOf(step.fromStage)).directory;
    const destination = stagePath(directory, step.destination);
    const intoDirectory = step.destination.endsWith('/') || step.sources.length > 1;
    for (const source of step.sources) {
      const from = sourceRoot === undefined ? join(options.contextDirectory, source) : stagePath(sourceRoot, source);
      const to = intoDirectory ? join(destination, source.split('/').at(-1)!) : destination;
      await mkdir(join(to, '..'), { recursive: true });
      await cp(from, to, { recursive: true });
    }
  }

  async function run(stage: DockerStage, directory: string): Promise<StageRun> {
    await mkdir(directory, { recursive: true });
    const environment = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...environmentOf(stage) };
    const commands: { command: string; milliseconds: number }[] = [];
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR' && instruction.text !== WORKDIR) throw new Error(`WORKDIR ${instruction.text}: only ${WORKDIR} is reproduced`);
      if (instruction.keyword === 'COPY') await copy(instruction, directory);
      if (instruction.keyword !== 'RUN') continue;
      for (const command of runCommandsOf(instruction)) {
        if (options.containerOnlyCommands.includes(command)) continue;
        if (/(^|\s)(\/|\.\.\/)/.test(command)) throw new Error(`RUN \`${command}\` (line ${instruction.line}) reaches outside ${WORKDIR} and is not a known container-only step`);
        const started = performance.now();
        await runShell(command, directory, environment);
        commands.push({ command, milliseconds: Math.round(performance.now() - started) });
      }
    }
    return { stage, directory, commands };
  }

  for (const stage of dockerfile.stages) runs.set(stage.name, run(stage, join(options.workDirectory, stage.name)));
  // Settled, not Promise.all: a failed stage must not leave another still writing when the caller cleans up.
  const settled = await Promise.allSettled(dockerfile.stages.map((stage) => runOf(stage.name)));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return new Map(settled.map((outcome) => (outcome as PromiseFulfilledResult<StageRun>).value).map((each) => [each.stage.name, each]));
}
