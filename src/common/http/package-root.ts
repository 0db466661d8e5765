/**
 * The package root (the directory of podplan's package.json), found by
 * walking up from this file, so the same code works compiled (dist/src/…)
 * and under the test runner (src/…). Built assets (dist/web, dist/graphiql)
 * are found from it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(startFile: string = fileURLToPath(import.meta.url)): string {
  let directory = dirname(startFile);
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${startFile}`);
    directory = parent;
  }
  return directory;
}
