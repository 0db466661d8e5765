/** Where `vite build` puts the plan viewer: dist/web under the package root. */
import { join } from 'node:path';
import { packageRoot } from '../common/http/package-root.js';

export const WEB_BUILD_DIRECTORY = join('dist', 'web');

export { VIEWER_PATHS } from '../common/http/viewer-paths.js';

export function webBuildRoot(): string {
  return join(packageRoot(), WEB_BUILD_DIRECTORY);
}
