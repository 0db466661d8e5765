/**
 * A reader for the subset of Dockerfile syntax podplan's Dockerfile uses:
 * parser directives and comments, `\` line continuations, ARG before the
 * first FROM (substituted into FROM), stages named with `AS`, instruction
 * flags (`--from=`, `--mount=`, `--chown=`), exec-form JSON arrays and shell
 * form. Anything else is an error, so the tests built on it cannot silently
 * misread a Dockerfile that grew new syntax.
 */

export interface DockerInstruction {
  /** Upper-case keyword: RUN, COPY, ENV, … */
  readonly keyword: string;
  /** `--name=value` flags before the arguments (`--mount`, `--from`, `--chown`). */
  readonly flags: Readonly<Record<string, string>>;
  /** The rest of the line, flags removed, continuations joined. */
  readonly text: string;
  /** The JSON array of an exec-form instruction (`CMD ["node", …]`); undefined in shell form. */
  readonly execForm?: readonly string[];
  readonly line: number;
}

export interface DockerStage {
  readonly name: string;
  readonly baseImage: string;
  readonly instructions: readonly DockerInstruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  readonly globalArguments: Readonly<Record<string, string>>;
  readonly stages: readonly DockerStage[];
}

const KNOWN_KEYWORDS = new Set(['ARG', 'FROM', 'ENV', 'WORKDIR', 'COPY', 'RUN', 'USER', 'EXPOSE', 'VOLUME', 'HEALTHCHECK', 'CMD', 'LABEL', 'ENTRYPOINT']);

interface LogicalLine {
  readonly text: string;
  readonly line: number;
}

function logicalLines(source: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let pending: { parts: string[]; line: number } | undefined;
  source.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comments (and parser directives) inside a continuation are dropped, as Docker does.
    if (trimmed.startsWith('#') || (trimmed === '' && pending === undefined)) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending ??= { parts: [], line: index + 1 };
    if (part !== '') pending.parts.push(part);
    if (!continued) {
      lines.push({ text: pending.parts.join(' '), line: pending.line });
      pending = undefined;
    }
  });
  if (pending) throw new Error(`Dockerfile line ${pending.line}: a continuation runs past the end of the file`);
  return lines;
}

function splitFlags(text: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = text;
  for (;;) {
    const match = /^--([a-z-]+)=(\S+)\s+/.exec(rest);
    if (!match) return { flags, rest };
    flags[match[1]] = match[2];
    rest = rest.slice(match[0].length);
  }
}

function execFormOf(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) throw new Error(`not an exec-form array of strings: ${text}`);
  return parsed;
}

function substitute(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!;
    if (!(name in values)) throw new Error(`${whole} is not a declared ARG`);
    return values[name];
  });
}

export function parseDockerfile(source: string): Dockerfile {
  const globalArguments: Record<string, string> = {};
  const stages: { name: string; baseImage: string; instructions: DockerInstruction[] }[] = [];
  for (const { text, line } of logicalLines(source)) {
    const [keywordText, ...restWords] = text.split(/\s+/);
    const keyword = keywordText.toUpperCase();
    if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`Dockerfile line ${line}: ${keyword} is not an instruction this reader knows`);
    const { flags, rest } = splitFlags(restWords.join(' '));
    if (keyword === 'FROM') {
      const match = /^(\S+)\s+AS\s+(\S+)$/i.exec(rest);
      if (!match) throw new Error(`Dockerfile line ${line}: every stage needs a name (FROM <image> AS <name>)`);
      stages.push({ name: match[2], baseImage: substitute(match[1], globalArguments), instructions: [] });
      continue;
    }
    if (stages.length === 0) {
      if (keyword !== 'ARG') throw new Error(`Dockerfile line ${line}: only ARG may come before the first FROM`);
      const [name, value = ''] = rest.split('=');
      globalArguments[name] = value;
      continue;
    }
    stages.at(-1)!.instructions.push({ keyword, flags, text: rest, execForm: execFormOf(rest), line });
  }
  return { globalArguments, stages };
}

export function stageNamed(dockerfile: Dockerfile, name: string): DockerStage {
  const stage = dockerfile.stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`the Dockerfile has no stage "${name}" (it has ${dockerfile.stages.map((each) => each.name).join(', ')})`);
  return stage;
}

export function instructionsOf(stage: DockerStage, keyword: string): DockerInstruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** `ENV A=1 B=2` (the `=` form; the legacy `ENV A 1` form is refused) → { A: '1', B: '2' }. */
export function environmentOf(stage: DockerStage): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const instruction of instructionsOf(stage, 'ENV')) {
    for (const assignment of instruction.text.split(/\s+/)) {
      const match = /^(\w+)=(.*)$/.exec(assignment);
      if (!match) throw new Error(`Dockerfile line ${instruction.line}: write ENV as NAME=value (got "${assignment}")`);
      environment[match[1]] = match[2];
    }
  }
  return environment;
}

export interface CopyStep {
  /** A stage name, or undefined for the build context. */
  readonly fromStage?: string;
  readonly sources: readonly string[];
  readonly destination: string;
  readonly chown?: string;
}

export function copyStepOf(instruction: DockerInstruction): CopyStep {
  const paths = instruction.execForm ?? instruction.text.split(/\s+/);
  if (paths.length < 2) throw new Error(`Dockerfile line ${instruction.line}: COPY needs a source and a destination`);
  return {
    ...(instruction.flags.from ? { fromStage: instruction.flags.from } : {}),
    ...(instruction.flags.chown ? { chown: instruction.flags.chown } : {}),
    sources: paths.slice(0, -1),
    destination: paths.at(-1)!,
  };
}

/** The shell commands of a shell-form RUN, split on `&&`. */
export function runCommandsOf(instruction: DockerInstruction): string[] {
  if (instruction.execForm) throw new Error(`Dockerfile line ${instruction.line}: RUN in exec form is not expected here`);
  return instruction.text.split('&&').map((command) => command.trim());
}

/** `HEALTHCHECK [--flags] CMD ["node", …]` → the exec-form command. */
export function healthcheckCommandOf(instruction: DockerInstruction): string[] {
  const match = /^CMD\s+(\[.*\])$/.exec(instruction.text);
  if (!match) throw new Error(`Dockerfile line ${instruction.line}: write HEALTHCHECK as CMD ["…"] (exec form)`);
  return execFormOf(match[1])!;
}
