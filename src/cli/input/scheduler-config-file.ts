/**
 * `--scheduler-config FILE`: a `KubeSchedulerConfiguration` (or a bare
 * profile), YAML or JSON, exactly what `kube-scheduler --config` reads.
 * The engine validates it; this only reads one object from the file.
 */
import type { JsonObject } from '../../kube/json-object.js';
import { isJsonObject } from '../../kube/json-object.js';
import { badInput } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { readManifestFiles } from './manifest-files.js';

export async function readSchedulerConfig(path: string | undefined, io: CliIo): Promise<JsonObject | undefined> {
  if (path === undefined) return undefined;
  const [file] = await readManifestFiles([path], io);
  if (file.documents.length !== 1 || !isJsonObject(file.documents[0])) {
    throw badInput(`${path}: expected one KubeSchedulerConfiguration object, found ${file.documents.length} document(s)`);
  }
  return file.documents[0];
}
