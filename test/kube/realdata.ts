/**
 * Locates /work/shared/realdata-style captures: `../shared/realdata` relative
 * to the repository root. Suites build their cases from the files that exist,
 * so they pass (with fewer cases) where the folder is absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const realdataRoot = resolve(repositoryRoot, '..', 'shared', 'realdata');

/** Paths relative to the realdata root of the files below `folder` (recursively) that exist. */
export function realdataFiles(folder: string): string[] {
  const root = join(realdataRoot, folder);
  if (!existsSync(root)) return [];
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(realdataRoot, path));
    }
  };
  walk(root);
  return files;
}

export function readRealdata(path: string): string {
  return readFileSync(join(realdataRoot, path), 'utf8');
}

/** YAML manifests (`.yaml`, `.yml`, the coredns `.yaml.sed` template); everything else is JSON (the cluster-info dump is `.md`). */
export function formatOf(path: string): 'json' | 'yaml' {
  return /\.(ya?ml|sed)$/.test(path) ? 'yaml' : 'json';
}
