/**
 * Realdata clusters as a fake API server serves them: each capture's node,
 * pod and workload files, and the API server's version document where the
 * capture has one. Missing captures fail the suite (realdataFiles throws).
 */
import { parseDocuments } from '../../../src/kube/documents.js';
import { formatOf, readRealdata, realdataFiles } from '../../kube/realdata.js';

export interface LiveCapture {
  readonly name: string;
  /** The capture's object files (what a dump upload holds), in a stable order. */
  readonly documents: unknown[];
  /** `GET /version`, when captured. */
  readonly version?: Record<string, unknown>;
}

const CAPTURES: Readonly<Record<string, { objects: RegExp; version?: string }>> = {
  'sonobuoy-kind': { objects: /core_v1_(nodes|pods_.*)\.json$/, version: 'serverversion.json' },
  'troubleshoot-k3s-bundle': { objects: /\.json$/ },
  'eks-cluster-info-dump': { objects: /\.json$/ },
};

export function liveCaptures(): LiveCapture[] {
  return Object.entries(CAPTURES).map(([name, { objects, version }]) => {
    const files = realdataFiles(name);
    const objectFiles = files.filter((file) => objects.test(file));
    if (objectFiles.length === 0) throw new Error(`realdata ${name} has no object files matching ${objects}`);
    const documents = objectFiles.flatMap((file) => parseDocuments(readRealdata(file), formatOf(file), file));
    const versionFile = version === undefined ? undefined : files.find((file) => file.endsWith(`/${version}`));
    if (version !== undefined && versionFile === undefined) throw new Error(`realdata ${name} lacks ${version}`);
    return { name, documents, ...(versionFile ? { version: JSON.parse(readRealdata(versionFile)) as Record<string, unknown> } : {}) };
  });
}
