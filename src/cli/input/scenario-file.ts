/**
 * `--scenario FILE`: the contract's ordered cluster edits (addNodes,
 * removeNodes, cordon, taint, label, removePods, scale …), as a YAML or JSON
 * list, or one edit per YAML document; repeated flags append in order. The
 * engine validates the edits; their paths (`scenario[2].taint`) are rewritten
 * to the file (`what-if.yaml[2].taint`).
 */
import type { CliIo } from '../cli-io.js';
import { readManifestFiles } from './manifest-files.js';
import { listPositions, type PathRewrite } from './source-paths.js';

export interface ScenarioInput {
  readonly edits: unknown[];
  readonly rewrite: PathRewrite;
}

/** The root the engine and the API report scenario errors under. */
export const SCENARIO_ROOT = 'scenario';

export async function readScenario(paths: readonly string[] | undefined, io: CliIo): Promise<ScenarioInput | undefined> {
  if (paths === undefined || paths.length === 0) return undefined;
  const files = await readManifestFiles(paths, io);
  const edits = files.flatMap((file) => file.documents);
  const origins = files.flatMap((file) => file.documents.map((_, index) => `${file.label}[${index}]`));
  return { edits, rewrite: listPositions(SCENARIO_ROOT, origins, paths.join(', ')) };
}
