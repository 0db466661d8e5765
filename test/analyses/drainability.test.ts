/**
 * Cluster Autoscaler's drainability rules (cluster-autoscaler/simulator/
 * drainability/rules/<rule>/rule_test.go): cases ported with their names, the
 * pods as CA's tests build them, run through the whole rule chain in CA's
 * order (rules.go Default) with the importer's stripping applied first (so
 * the annotations the rules read are shown to survive it).
 */
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { DisruptionBudgets } from '../../src/what-if/consolidation/disruption-budgets.js';
import { DEFAULT_DRAIN_RULES, drainability, type BlockingReason, type DrainRules } from '../../src/what-if/consolidation/drainability.js';
import { node, pdb, pod, type PodOptions } from './right-sizing-fixtures.js';

const TEST_TIME = Date.parse('2020-12-18T17:00:00Z');
const SAFE_TO_EVICT = 'cluster-autoscaler.kubernetes.io/safe-to-evict';
const SAFE_LOCAL_VOLUMES = 'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes';
const scratch = (name: string) => ({ name, emptyDir: { medium: '' } });

interface Case {
  readonly name: string;
  readonly pod: PodOptions & { readonly phase?: string };
  readonly pdbs?: unknown[];
  readonly rules?: Partial<DrainRules>;
  /** The outcome: a blocking reason, or drain / skip / daemonSet. */
  readonly want: BlockingReason | 'drain' | 'skip' | 'daemonSet';
}

function decide(testCase: Case) {
  const { phase, ...options } = testCase.pod;
  const raw = pod('bar', 'node', options) as ReturnType<typeof pod> & { status: { phase: string } };
  if (phase) raw.status.phase = phase;
  const imported = importCluster([node('node'), raw, ...(testCase.pdbs ?? [])]);
  const [stripped] = imported.objects.pods as V1Pod[];
  const budgets = DisruptionBudgets.of(ClusterState.fromObjects(imported.objects));
  const decision = drainability(stripped, { rules: { ...DEFAULT_DRAIN_RULES, ...testCase.rules }, now: TEST_TIME, matchingBudgets: (target) => budgets.matching(target) });
  return decision.outcome === 'block' ? decision.reason : decision.outcome;
}

const rc = 'ReplicationController/rc';

describe('localstorage/rule_test.go TestDrain', () => {
  const cases: Case[] = [
    { name: 'pod with EmptyDir', pod: { owner: rc, volumes: [scratch('scratch')] }, want: 'LocalStorageRequested' },
    { name: 'pod with EmptyDir and SafeToEvictLocalVolumesKey annotation', pod: { owner: rc, volumes: [scratch('scratch')], annotations: { [SAFE_LOCAL_VOLUMES]: 'scratch' } }, want: 'drain' },
    {
      name: 'pod with EmptyDir and empty value for SafeToEvictLocalVolumesKey annotation',
      pod: { owner: rc, volumes: [scratch('scratch')], annotations: { [SAFE_LOCAL_VOLUMES]: '' } },
      want: 'LocalStorageRequested',
    },
    {
      name: 'pod with EmptyDir and non-matching value for SafeToEvictLocalVolumesKey annotation',
      pod: { owner: rc, volumes: [scratch('scratch-1')], annotations: { [SAFE_LOCAL_VOLUMES]: 'scratch-2' } },
      want: 'LocalStorageRequested',
    },
    {
      name: 'pod with EmptyDir and SafeToEvictLocalVolumesKey annotation with matching values',
      pod: { owner: rc, volumes: [scratch('scratch-1'), scratch('scratch-2'), scratch('scratch-3')], annotations: { [SAFE_LOCAL_VOLUMES]: 'scratch-1,scratch-2,scratch-3' } },
      want: 'drain',
    },
    {
      name: 'pod with EmptyDir and SafeToEvictLocalVolumesKey annotation with non-matching values',
      pod: { owner: rc, volumes: [scratch('scratch-1'), scratch('scratch-2'), scratch('scratch-3')], annotations: { [SAFE_LOCAL_VOLUMES]: 'scratch-1,scratch-2,scratch-5' } },
      want: 'LocalStorageRequested',
    },
    {
      name: 'pod with EmptyDir and SafeToEvictLocalVolumesKey annotation with some matching values',
      pod: { owner: rc, volumes: [scratch('scratch-1'), scratch('scratch-2'), scratch('scratch-3')], annotations: { [SAFE_LOCAL_VOLUMES]: 'scratch-1,scratch-2' } },
      want: 'LocalStorageRequested',
    },
    {
      name: 'pod with EmptyDir and SafeToEvictLocalVolumesKey annotation empty values',
      pod: { owner: rc, volumes: [scratch('scratch-1'), scratch('scratch-2'), scratch('scratch-3')], annotations: { [SAFE_LOCAL_VOLUMES]: ',' } },
      want: 'LocalStorageRequested',
    },
    { name: 'EmptyDir failed pod', pod: { owner: null, volumes: [scratch('scratch')], spec: { restartPolicy: 'Never' }, phase: 'Failed' }, want: 'drain' },
    { name: 'EmptyDir evicted pod', pod: { owner: null, volumes: [scratch('scratch')], spec: { restartPolicy: 'Always' }, phase: 'Failed' }, want: 'drain' },
    { name: 'EmptyDir pod with PodSafeToEvict annotation', pod: { owner: null, annotations: { [SAFE_TO_EVICT]: 'true' } }, want: 'drain' },
    {
      name: 'EmptyDir long terminating pod with 0 grace period',
      pod: { owner: null, volumes: [scratch('scratch')], spec: { terminationGracePeriodSeconds: 0 }, deletionTimestamp: new Date(TEST_TIME - 60_000).toISOString() },
      want: 'skip',
    },
    {
      name: 'EmptyDir long terminating pod with extended grace period',
      pod: { owner: null, volumes: [scratch('scratch')], spec: { terminationGracePeriodSeconds: 360 }, deletionTimestamp: new Date(TEST_TIME - 720_000).toISOString() },
      want: 'skip',
    },
    // Ours: CA's --skip-nodes-with-local-storage=false, and a memory-backed emptyDir (drain.isLocalVolume).
    { name: 'pod with EmptyDir, localStorage rule off', pod: { owner: rc, volumes: [scratch('scratch')] }, rules: { localStorage: false }, want: 'drain' },
    { name: 'pod with memory EmptyDir', pod: { owner: rc, volumes: [{ name: 'scratch', emptyDir: { medium: 'Memory' } }] }, want: 'drain' },
    { name: 'pod with HostPath', pod: { owner: rc, volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] }, want: 'LocalStorageRequested' },
  ];
  it.each(cases)('$name', (testCase) => expect(decide(testCase)).toBe(testCase.want));
});

describe('system/rule_test.go TestDrainable', () => {
  const kubeSystem = { owner: rc, namespace: 'kube-system', labels: { 'k8s-app': 'bar' } };
  const cases: Case[] = [
    { name: 'empty PDB with RC-managed pod', pod: { owner: rc }, pdbs: [{ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'empty' }, spec: {} }], want: 'drain' },
    { name: 'kube-system PDB with matching kube-system pod', pod: kubeSystem, pdbs: [pdb('ks', { 'k8s-app': 'bar' }, { disruptionsAllowed: 1 }, 'kube-system')], want: 'drain' },
    { name: 'kube-system PDB with non-matching kube-system pod', pod: kubeSystem, pdbs: [pdb('ks', { 'k8s-app': 'foo' }, { disruptionsAllowed: 1 }, 'kube-system')], want: 'UnmovableKubeSystemPod' },
    { name: 'kube-system PDB with default namespace pod', pod: { owner: rc, labels: { 'k8s-app': 'bar' } }, pdbs: [pdb('ks', { 'k8s-app': 'bar' }, { disruptionsAllowed: 1 }, 'kube-system')], want: 'drain' },
    {
      // CA's label value "PDB-managed pod" is not a valid label value; the API server would refuse it, so a valid one stands in.
      name: 'default namespace PDB with matching labels kube-system pod',
      pod: kubeSystem,
      pdbs: [pdb('d', { 'k8s-app': 'PDB-managed-pod' }, { disruptionsAllowed: 1 })],
      want: 'UnmovableKubeSystemPod',
    },
    // Ours: CA's --skip-nodes-with-system-pods=false.
    { name: 'kube-system pod without PDB, system rule off', pod: kubeSystem, rules: { system: false }, want: 'drain' },
  ];
  it.each(cases)('$name', (testCase) => expect(decide(testCase)).toBe(testCase.want));
});

describe('the other rules of rules.go Default, in order', () => {
  const cases: Case[] = [
    { name: 'mirror: a static pod goes with its node', pod: { owner: 'Node/node', annotations: { 'kubernetes.io/config.mirror': 'abc' } }, want: 'skip' },
    { name: 'mirror: a captured mirror pod (owner Node, annotations stripped) goes with its node', pod: { owner: 'Node/node' }, want: 'skip' },
    { name: 'daemonset: a DaemonSet pod is not placed again', pod: { owner: 'DaemonSet/logs', volumes: [scratch('scratch')] }, want: 'daemonSet' },
    { name: 'daemonset: the daemonset-pod annotation', pod: { owner: null, annotations: { 'cluster-autoscaler.kubernetes.io/daemonset-pod': 'true' } }, want: 'daemonSet' },
    { name: 'safetoevict: "true" outranks no controller, kube-system and local storage', pod: { owner: null, namespace: 'kube-system', volumes: [scratch('s')], annotations: { [SAFE_TO_EVICT]: 'true' } }, want: 'drain' },
    { name: 'replicated: a pod without controller', pod: { owner: null }, want: 'NotReplicated' },
    { name: 'replicated: rule off', pod: { owner: null }, rules: { replicated: false }, want: 'drain' },
    { name: 'notsafetoevict: safe-to-evict "false"', pod: { owner: rc, annotations: { [SAFE_TO_EVICT]: 'false' } }, want: 'NotSafeToEvictAnnotation' },
    { name: 'notsafetoevict: rule off', pod: { owner: rc, annotations: { [SAFE_TO_EVICT]: 'false' } }, rules: { notSafeToEvict: false }, want: 'drain' },
    { name: 'pdb: no disruption left', pod: { owner: rc, labels: { app: 'db' } }, pdbs: [pdb('db', { app: 'db' }, { disruptionsAllowed: 0 })], want: 'NotEnoughPdb' },
    { name: 'pdb: one disruption left', pod: { owner: rc, labels: { app: 'db' } }, pdbs: [pdb('db', { app: 'db' }, { disruptionsAllowed: 1 })], want: 'drain' },
    { name: 'pdb: without status, minAvailable 1 of the one matching pod leaves none', pod: { owner: rc, labels: { app: 'db' } }, pdbs: [pdb('db', { app: 'db' }, { minAvailable: 1 })], want: 'NotEnoughPdb' },
    { name: 'pdb: without status, maxUnavailable 50% of one pod rounds up to one', pod: { owner: rc, labels: { app: 'db' } }, pdbs: [pdb('db', { app: 'db' }, { maxUnavailable: '50%' })], want: 'drain' },
    { name: 'pdb: respectPdbs off', pod: { owner: rc, labels: { app: 'db' } }, pdbs: [pdb('db', { app: 'db' }, { disruptionsAllowed: 0 })], rules: { pdb: false }, want: 'drain' },
    { name: 'a replicated pod with nothing against it', pod: { owner: rc }, want: 'drain' },
  ];
  it.each(cases)('$name', (testCase) => expect(decide(testCase)).toBe(testCase.want));
});
