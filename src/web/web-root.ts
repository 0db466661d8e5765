/**
 * Where `vite build` puts the plan viewer: dist/web under the package root.
 * The package root is found by walking up from this file, so the same code
 * works compiled (dist/src/web) and under the test runner (src/web).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_BUILD_DIRECTORY = join('dist', 'web');

export { VIEWER_PATHS } from '../common/http/viewer-paths.js';

export function packageRoot(startFile: string = fileURLToPath(import.meta.url)): string {
  let directory = dirname(startFile);
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${startFile}`);
    directory = parent;
  }
  return directory;
}

export function webBuildRoot(): string {
  return join(packageRoot(), WEB_BUILD_DIRECTORY);
}
