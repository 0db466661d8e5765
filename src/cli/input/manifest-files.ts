/**
 * The files behind `-f`: paths, directories (their `.yaml`, `.yml` and
 * `.json` files, sorted, not recursive — as `kubectl apply -f dir/`) and `-`
 * for stdin. Each file keeps the name the user typed, the root of every
 * error path about it.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { parseDocuments, type DocumentFormat } from '../../kube/documents.js';
import { InvalidInputError } from '../../kube/field-error.js';
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';

export interface ManifestFile {
  /** The path as typed (`manifests/web.yaml`), or `stdin`. */
  readonly label: string;
  readonly documents: unknown[];
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const STDIN = '-';

/** `.json` files are JSON; stdin is JSON when it starts like JSON; everything else is YAML. */
function formatOf(label: string, text: string): DocumentFormat {
  if (label === 'stdin') return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
  return extname(label).toLowerCase() === '.json' ? 'json' : 'yaml';
}

async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The files an argument names: itself, or a directory's manifests. */
async function expandArgument(argument: string, io: CliIo): Promise<string[]> {
  const absolute = resolve(io.workingDirectory, argument);
  let kind;
  try {
    kind = await stat(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw badInput(`${argument}: ${code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
  }
  if (!kind.isDirectory()) return [argument];
  const names = (await readdir(absolute)).filter((name) => MANIFEST_EXTENSIONS.has(extname(name).toLowerCase())).sort();
  if (names.length === 0) throw badInput(`${argument}: the directory holds no .yaml, .yml or .json files`);
  return names.map((name) => join(argument, name));
}

function parse(label: string, text: string): ManifestFile {
  try {
    return { label, documents: parseDocuments(text, formatOf(label, text), label) };
  } catch (error) {
    if (error instanceof InvalidInputError) throw badInput(`${label} is not valid`, error.errors);
    throw error;
  }
}

export async function readManifestFiles(argumentsGiven: readonly string[], io: CliIo): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const argument of argumentsGiven) {
    if (argument === STDIN) {
      files.push(parse('stdin', await readStdin(io)));
      continue;
    }
    for (const path of await expandArgument(argument, io)) {
      files.push(parse(path, await readFile(resolve(io.workingDirectory, path), 'utf8')));
    }
  }
  return files;
}
