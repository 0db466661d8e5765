/**
 * The parts of a server request read from the user's files — workloads
 * (`-f`), scheduler configuration, scenario — with the rewrites that bring
 * the server's error paths (`workloads[2]…`, `schedulerConfig.profiles…`,
 * `scenario[0]…`) back into those files. Shared by `plan` and the analyses.
 */
import type { CliIo } from '../cli-io.js';
import { readManifestFiles } from '../input/manifest-files.js';
import { readScenario } from '../input/scenario-file.js';
import { readSchedulerConfig } from '../input/scheduler-config-file.js';
import { sourceObjects } from '../input/source-objects.js';
import { listPositions, singleObject, type PathRewrite } from '../input/source-paths.js';

export interface RequestFiles {
  readonly workloads: readonly string[];
  readonly schedulerConfig: string | undefined;
  readonly scenario: readonly string[] | undefined;
}

export interface RequestInputs {
  /** `workloads`, `schedulerConfig` and `scenario`, each only when given. */
  readonly body: { workloads?: unknown[]; schedulerConfig?: Record<string, unknown>; scenario?: unknown[] };
  readonly rewrites: PathRewrite[];
}

export async function readRequestInputs(files: RequestFiles, io: CliIo): Promise<RequestInputs> {
  const workloads = sourceObjects(await readManifestFiles(files.workloads, io));
  const schedulerConfig = await readSchedulerConfig(files.schedulerConfig, io);
  const scenario = await readScenario(files.scenario, io);
  return {
    body: {
      ...(workloads.length > 0 ? { workloads: workloads.map((source) => source.object) } : {}),
      ...(schedulerConfig !== undefined ? { schedulerConfig } : {}),
      ...(scenario !== undefined ? { scenario: scenario.edits } : {}),
    },
    rewrites: [
      listPositions('workloads', workloads.map((source) => source.path), 'the workloads'),
      ...(files.schedulerConfig === undefined ? [] : [singleObject('schedulerConfig', files.schedulerConfig)]),
      ...(scenario === undefined ? [] : [scenario.rewrite]),
    ],
  };
}
