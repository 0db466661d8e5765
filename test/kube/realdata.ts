/**
 * Locates /work/shared/realdata-style captures: `../shared/realdata` relative
 * to the repository root. The captures are required: a suite built from a
 * missing folder fails (an empty case table would pass without checking anything).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const realdataRoot = resolve(repositoryRoot, '..', 'shared', 'realdata');

/** Paths relative to the realdata root of the files below `folder` (recursively); throws when the folder is missing or empty. */
export function realdataFiles(folder: string): string[] {
  const root = join(realdataRoot, folder);
  if (!existsSync(root)) throw new Error(`${root} is missing: the realdata captures (../shared/realdata beside the repository) are required by this suite`);
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(realdataRoot, path));
    }
  };
  walk(root);
  if (files.length === 0) throw new Error(`${root} holds no files`);
  return files;
}

export function readRealdata(path: string): string {
  return readFileSync(join(realdataRoot, path), 'utf8');
}

/** YAML manifests (`.yaml`, `.yml`, the coredns `.yaml.sed` template); everything else is JSON (the cluster-info dump is `.md`). */
export function formatOf(path: string): 'json' | 'yaml' {
  return /\.(ya?ml|sed)$/.test(path) ? 'yaml' : 'json';
}
