/**
 * A fake Kubernetes API server for tests: HTTPS, clients authenticate with a
 * certificate its CA signed (or a bearer token), and it serves whatever
 * objects it was given as LIST responses the way kube-apiserver does:
 * `{ kind: "<Kind>List", apiVersion, metadata: { resourceVersion, continue },
 * items }`, paged by `limit`/`continue`. Tests can make it refuse a
 * resource (403), expire the next continue token (410 Gone, reason
 * Expired), fail the next requests (503) or drop connections, and can
 * change its objects between reads.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { TestCertificates } from './test-certificates.js';

type Json = Record<string, any>;

/** Every built-in collection the fake knows: path → the list's kind and apiVersion. */
const COLLECTIONS: Readonly<Record<string, { kind: string; apiVersion: string }>> = {
  '/api/v1/nodes': { kind: 'Node', apiVersion: 'v1' },
  '/api/v1/pods': { kind: 'Pod', apiVersion: 'v1' },
  '/api/v1/namespaces': { kind: 'Namespace', apiVersion: 'v1' },
  '/api/v1/services': { kind: 'Service', apiVersion: 'v1' },
  '/api/v1/replicationcontrollers': { kind: 'ReplicationController', apiVersion: 'v1' },
  '/api/v1/persistentvolumes': { kind: 'PersistentVolume', apiVersion: 'v1' },
  '/api/v1/persistentvolumeclaims': { kind: 'PersistentVolumeClaim', apiVersion: 'v1' },
  '/apis/apps/v1/deployments': { kind: 'Deployment', apiVersion: 'apps/v1' },
  '/apis/apps/v1/replicasets': { kind: 'ReplicaSet', apiVersion: 'apps/v1' },
  '/apis/apps/v1/statefulsets': { kind: 'StatefulSet', apiVersion: 'apps/v1' },
  '/apis/apps/v1/daemonsets': { kind: 'DaemonSet', apiVersion: 'apps/v1' },
  '/apis/scheduling.k8s.io/v1/priorityclasses': { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1' },
  '/apis/policy/v1/poddisruptionbudgets': { kind: 'PodDisruptionBudget', apiVersion: 'policy/v1' },
  '/apis/storage.k8s.io/v1/storageclasses': { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1' },
  '/apis/storage.k8s.io/v1/csinodes': { kind: 'CSINode', apiVersion: 'storage.k8s.io/v1' },
  '/apis/storage.k8s.io/v1/csidrivers': { kind: 'CSIDriver', apiVersion: 'storage.k8s.io/v1' },
  '/apis/storage.k8s.io/v1/csistoragecapacities': { kind: 'CSIStorageCapacity', apiVersion: 'storage.k8s.io/v1' },
  '/apis/storage.k8s.io/v1/volumeattachments': { kind: 'VolumeAttachment', apiVersion: 'storage.k8s.io/v1' },
  '/apis/resource.k8s.io/v1/resourceslices': { kind: 'ResourceSlice', apiVersion: 'resource.k8s.io/v1' },
  '/apis/resource.k8s.io/v1/deviceclasses': { kind: 'DeviceClass', apiVersion: 'resource.k8s.io/v1' },
  '/apis/resource.k8s.io/v1/resourceclaims': { kind: 'ResourceClaim', apiVersion: 'resource.k8s.io/v1' },
  '/apis/resource.k8s.io/v1/resourceclaimtemplates': { kind: 'ResourceClaimTemplate', apiVersion: 'resource.k8s.io/v1' },
};

const PATH_BY_KIND = new Map(Object.entries(COLLECTIONS).map(([path, { kind }]) => [kind, path]));

/** Cluster-scoped collections (everything else is namespaced), for discovery. */
const CLUSTER_SCOPED = new Set(['nodes', 'namespaces', 'persistentvolumes', 'priorityclasses', 'storageclasses', 'csinodes', 'csidrivers', 'resourceslices', 'deviceclasses']);
/** kubectl's short names (`kubectl api-resources`), so `kubectl get pv,pvc,pdb …` resolves as against a real server. */
const SHORT_NAMES: Readonly<Record<string, readonly string[]>> = {
  nodes: ['no'], pods: ['po'], namespaces: ['ns'], services: ['svc'], replicationcontrollers: ['rc'], persistentvolumes: ['pv'],
  persistentvolumeclaims: ['pvc'], deployments: ['deploy'], replicasets: ['rs'], statefulsets: ['sts'], daemonsets: ['ds'],
  priorityclasses: ['pc'], poddisruptionbudgets: ['pdb'], storageclasses: ['sc'],
};

/**
 * The legacy discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/<group>/<version>`) for the collections
 * above, which kubectl reads to turn `kubectl get nodes,pv,…` into list paths (the fake answers plain JSON,
 * so kubectl falls back from aggregated discovery to these, as it does against older servers).
 */
function discovery(path: string): Json | undefined {
  const byGroupVersion = new Map<string, string[]>();
  for (const [collection, { apiVersion }] of Object.entries(COLLECTIONS)) {
    byGroupVersion.set(apiVersion, [...(byGroupVersion.get(apiVersion) ?? []), collection]);
  }
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/apis') {
    const groups = [...byGroupVersion.keys()].filter((groupVersion) => groupVersion.includes('/')).map((groupVersion) => {
      const [name, version] = groupVersion.split('/');
      return { name, versions: [{ groupVersion, version }], preferredVersion: { groupVersion, version } };
    });
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }
  const groupVersion = path === '/api/v1' ? 'v1' : /^\/apis\/([^/]+\/[^/]+)$/.exec(path)?.[1];
  const collections = groupVersion === undefined ? undefined : byGroupVersion.get(groupVersion);
  if (collections === undefined) return undefined;
  const resources = collections.map((collection) => {
    const name = collection.split('/').pop()!;
    const { kind } = COLLECTIONS[collection];
    return { name, singularName: kind.toLowerCase(), namespaced: !CLUSTER_SCOPED.has(name), kind, verbs: ['get', 'list'], ...(SHORT_NAMES[name] ? { shortNames: SHORT_NAMES[name] } : {}) };
  });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

export interface FakeRequest {
  readonly path: string;
  readonly limit?: string;
  readonly continue?: string;
}

export interface FakeKubeApi {
  readonly url: string;
  /** Every request in arrival order (authenticated or not). */
  readonly requests: FakeRequest[];
  /** Replaces the objects: documents as a dump holds them (objects, kind: List, typed lists). */
  load(documents: readonly unknown[]): void;
  /** Objects of a kind, as served (mutable: tests change them between reads, then call touch()). */
  itemsOf(kind: string): Json[];
  /** A new resourceVersion, as any write would make. */
  touch(): void;
  forbid(path: string): void;
  /** The next continue token presented for `path` gets 410 Gone. */
  expireNextContinue(path: string): void;
  /** The next `count` requests for `path` answer `status` (503 by default). */
  failNext(path: string, count: number, status?: number): void;
  /** The next `count` requests for `path` have their connection cut before any answer. */
  dropNext(path: string, count: number): void;
  close(): Promise<void>;
}

export interface FakeKubeApiOptions {
  readonly certificates: TestCertificates;
  /** Bearer tokens accepted besides client certificates. */
  readonly tokens?: readonly string[];
  /** `GET /version`; absent: 404. */
  readonly version?: Json;
}

function itemsWithKinds(documents: readonly unknown[]): { kind: string; item: Json }[] {
  return documents.flatMap((document) => {
    const object = document as Json;
    if (typeof object?.kind !== 'string') return [];
    if (object.kind === 'List' || (object.kind.endsWith('List') && Array.isArray(object.items))) {
      const listKind = object.kind === 'List' ? undefined : object.kind.slice(0, -'List'.length);
      return (object.items as Json[]).map((item) => ({ kind: (item.kind as string | undefined) ?? listKind ?? '', item }));
    }
    return [{ kind: object.kind, item: object }];
  });
}

interface ContinueToken {
  path: string;
  offset: number;
  resourceVersion: number;
}

export async function startFakeKubeApi(options: FakeKubeApiOptions): Promise<FakeKubeApi> {
  const collections = new Map<string, Json[]>();
  const forbidden = new Set<string>();
  const expiring = new Set<string>();
  const failing = new Map<string, { count: number; status: number }>();
  const dropping = new Map<string, number>();
  const requests: FakeRequest[] = [];
  let resourceVersion = 1000;
  const tokens = new Set(options.tokens ?? []);

  const send = (response: ServerResponse, status: number, body: Json): void => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const status = (response: ServerResponse, code: number, reason: string, message: string): void =>
    send(response, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'https://fake');
    const path = url.pathname;
    requests.push({ path, limit: url.searchParams.get('limit') ?? undefined, continue: url.searchParams.get('continue') ?? undefined });
    const socket = request.socket as TLSSocket;
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!socket.authorized && !(bearer !== undefined && tokens.has(bearer))) {
      status(response, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    const drops = dropping.get(path) ?? 0;
    if (drops > 0) {
      dropping.set(path, drops - 1);
      socket.destroy();
      return;
    }
    const failure = failing.get(path);
    if (failure && failure.count > 0) {
      failure.count -= 1;
      status(response, failure.status, 'ServiceUnavailable', 'the server is currently unable to handle the request');
      return;
    }
    if (path === '/version') {
      if (options.version) send(response, 200, options.version);
      else status(response, 404, 'NotFound', 'the server could not find the requested resource');
      return;
    }
    const discovered = discovery(path);
    if (discovered !== undefined) {
      send(response, 200, discovered);
      return;
    }
    const collection = COLLECTIONS[path];
    if (collection === undefined) {
      status(response, 404, 'NotFound', 'the server could not find the requested resource');
      return;
    }
    const resource = path.split('/').pop()!;
    const group = collection.apiVersion.includes('/') ? collection.apiVersion.split('/')[0] : '';
    if (forbidden.has(path)) {
      const scope = group === '' ? `"${resource}" in API group "" at the cluster scope` : `"${resource}" in API group "${group}" at the cluster scope`;
      status(response, 403, 'Forbidden', `${resource} is forbidden: User "podplan-reader" cannot list resource ${scope}`);
      return;
    }
    const items = collections.get(path) ?? [];
    let offset = 0;
    let listVersion = resourceVersion;
    const token = url.searchParams.get('continue');
    if (token) {
      if (expiring.delete(path)) {
        status(response, 410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
        return;
      }
      const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
      if (decoded.path !== path) {
        status(response, 400, 'BadRequest', 'continue key is not valid for this list');
        return;
      }
      offset = decoded.offset;
      listVersion = decoded.resourceVersion;
    }
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const end = limit > 0 ? Math.min(items.length, offset + limit) : items.length;
    const metadata: Json = { resourceVersion: String(listVersion) };
    if (end < items.length) {
      const next: ContinueToken = { path, offset: end, resourceVersion: listVersion };
      metadata.continue = Buffer.from(JSON.stringify(next)).toString('base64url');
      metadata.remainingItemCount = items.length - end;
    }
    send(response, 200, { kind: `${collection.kind}List`, apiVersion: collection.apiVersion, metadata, items: items.slice(offset, end) });
  };

  const server: Server = createServer(
    { key: options.certificates.serverKey, cert: options.certificates.serverCert, ca: options.certificates.caCert, requestCert: true, rejectUnauthorized: false },
    handle,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    load(documents) {
      collections.clear();
      for (const { kind, item } of itemsWithKinds(documents)) {
        const path = PATH_BY_KIND.get(kind);
        if (path === undefined) continue;
        const list = collections.get(path) ?? [];
        list.push(item);
        collections.set(path, list);
      }
      resourceVersion += 1;
    },
    itemsOf(kind) {
      const path = PATH_BY_KIND.get(kind);
      if (path === undefined) throw new Error(`the fake API server does not serve ${kind}`);
      return collections.get(path) ?? [];
    },
    touch() {
      resourceVersion += 1;
    },
    forbid: (path) => void forbidden.add(path),
    expireNextContinue: (path) => void expiring.add(path),
    failNext: (path, count, code = 503) => void failing.set(path, { count, status: code }),
    dropNext: (path, count) => void dropping.set(path, count),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The collection paths the fake serves, for tests that compare them with what a reader asks. */
export const FAKE_COLLECTION_PATHS: readonly string[] = Object.keys(COLLECTIONS);
