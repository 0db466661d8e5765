/**
 * `--kubeconfig PATH [--context NAME] [--namespace-selector SELECTOR]`: the
 * cluster read through the Kubernetes API (src/kube/cluster-api), as the
 * documents a dump of it would hold. Kinds the credentials may not list are
 * warnings on stderr; a kubeconfig that cannot be used is bad input (exit
 * code 2), a cluster that cannot be read a failure (exit code 1).
 */
import { isAbsolute, resolve } from 'node:path';
import { ClusterReadError } from '../../kube/cluster-api/cluster-read-error.js';
import { readCluster } from '../../kube/cluster-api/cluster-reader.js';
import { InvalidInputError } from '../../kube/field-error.js';
import { parseSelectorString } from '../../kube/label-selector-string.js';
import { badInput, failure } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { writeWarnings } from '../output/warnings.js';

export const KUBECONFIG_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'namespace-selector': { type: 'string' },
} as const;

export interface KubeconfigFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly 'namespace-selector'?: string;
}

export interface LiveCluster {
  /** Version document and one list per kind, as importCluster takes them. */
  readonly documents: unknown[];
  /** Per document, what error paths call it: `context "prod" PodList`. */
  readonly origins: string[];
  /** `context "prod" (https://…)`, for messages about the whole cluster. */
  readonly label: string;
}

/** Flags that only mean something with --kubeconfig, refused without it. */
export function assertKubeconfigFlags(flags: KubeconfigFlags): void {
  if (flags.kubeconfig !== undefined) return;
  for (const flag of ['context', 'namespace-selector'] as const) {
    if (flags[flag] !== undefined) throw badInput(`--${flag} needs --kubeconfig`);
  }
}

export async function readLiveCluster(flags: KubeconfigFlags & { kubeconfig: string }, io: CliIo): Promise<LiveCluster> {
  let namespaceSelector;
  try {
    namespaceSelector = flags['namespace-selector'] === undefined ? undefined : parseSelectorString(flags['namespace-selector'], '--namespace-selector');
  } catch (error) {
    if (error instanceof InvalidInputError) throw badInput(error.message);
    throw error;
  }
  const path = isAbsolute(flags.kubeconfig) ? flags.kubeconfig : resolve(io.workingDirectory, flags.kubeconfig);
  try {
    const snapshot = await readCluster({ kind: 'file', path, ...(flags.context !== undefined ? { context: flags.context } : {}) }, namespaceSelector ? { namespaceSelector } : {});
    const context = `context "${snapshot.endpoint.context}"`;
    writeWarnings(io.stderr, snapshot.warnings.map((warning) => ({ ...warning, path: `${context} ${warning.path}` })));
    return {
      documents: snapshot.documents,
      origins: snapshot.documents.map((document) => `${context} ${String((document as { kind?: unknown }).kind ?? 'version')}`),
      label: `${context} (${snapshot.endpoint.server})`,
    };
  } catch (error) {
    if (error instanceof ClusterReadError) throw error.reason === 'kubeconfig' ? badInput(error.message) : failure(error.message);
    throw error;
  }
}
