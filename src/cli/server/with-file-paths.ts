/** Server field errors point into the request body (`workloads[2]…`); the user wants their file (`web.yaml[0]…`). */
import { CliError } from '../cli-error.js';
import { rewriteFieldErrors, type PathRewrite } from '../input/source-paths.js';

export async function withFilePaths<T>(rewrites: readonly PathRewrite[], request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof CliError && error.errors.length > 0) {
      throw new CliError(error.message, error.exitCode, rewriteFieldErrors(error.errors, rewrites));
    }
    throw error;
  }
}
