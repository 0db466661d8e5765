import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/kube/field-error.js';
import { defaultEmulation, resolveEmulation } from '../../../src/scheduling/release/emulation.js';
import { nearestRelease, parseMinorVersion, SUPPORTED_RELEASES } from '../../../src/scheduling/release/kubernetes-release.js';
import { FEATURE_GATE_ROWS, UNTOLERATED_TAINT_WORDING } from '../../../src/scheduling/release/release-table.js';

function errorsOf(action: () => unknown): { path: string; message: string }[] {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors;
    throw error;
  }
  throw new Error('expected InvalidInputError');
}

describe('the release table', () => {
  it('cites an upstream change for every row', () => {
    for (const row of [...FEATURE_GATE_ROWS, UNTOLERATED_TAINT_WORDING]) expect(row.upstream).toMatch(/KEP-\d+|PR \d+/);
  });

  // Stages and defaults as pkg/features/kube_features.go's versioned specs give them.
  it.each([
    ['v1.32', { DynamicResourceAllocation: false, PodLevelResources: false, MatchLabelKeysInPodAffinity: true, NodeInclusionPolicyInPodTopologySpread: true }],
    ['v1.33', { DynamicResourceAllocation: false, PodLevelResources: false, MatchLabelKeysInPodAffinity: true, NodeInclusionPolicyInPodTopologySpread: true }],
    ['v1.34', { DynamicResourceAllocation: true, PodLevelResources: true, MatchLabelKeysInPodTopologySpreadSelectorMerge: true }],
    ['v1.35', { DynamicResourceAllocation: true, PodLevelResources: true, TaintTolerationComparisonOperators: false, VolumeLimitScaling: false }],
  ] as const)('%s has upstream\'s default gates', (release, expected) => {
    expect(defaultEmulation(release).featureGates).toMatchObject(expected);
  });

  it('knows gates only in the releases that have them', () => {
    expect(defaultEmulation('v1.33').featureGates).not.toHaveProperty('MatchLabelKeysInPodTopologySpreadSelectorMerge');
    expect(defaultEmulation('v1.34').featureGates).not.toHaveProperty('TaintTolerationComparisonOperators');
  });
});

describe('resolveEmulation', () => {
  it('defaults to the fallback release (the topology\'s), else the newest', () => {
    expect(resolveEmulation({}).kubernetesVersion).toBe('v1.35');
    expect(resolveEmulation({}, 'v1.33').kubernetesVersion).toBe('v1.33');
    expect(resolveEmulation({ kubernetesVersion: 'v1.32' }, 'v1.33').kubernetesVersion).toBe('v1.32');
  });

  it('applies a gate the release lets you set', () => {
    const emulation = resolveEmulation({ kubernetesVersion: 'v1.33', featureGates: { PodLevelResources: true } });
    expect(emulation.featureGates.PodLevelResources).toBe(true);
    expect(emulation.features.enablePodLevelResources).toBe(true);
  });

  it('refuses an unsupported release, listing the supported ones', () => {
    expect(errorsOf(() => resolveEmulation({ kubernetesVersion: 'v1.31' }))).toEqual([
      { path: 'kubernetesVersion', message: 'Unsupported value: "v1.31": supported values: "v1.32", "v1.33", "v1.34", "v1.35"' },
    ]);
  });

  it('refuses an unknown gate with a suggestion', () => {
    const [error] = errorsOf(() => resolveEmulation({ featureGates: { PodLevelResource: false } }));
    expect(error.path).toBe('featureGates.PodLevelResource');
    expect(error.message).toMatch(/^unrecognized feature gate: PodLevelResource \(did you mean "PodLevelResources"\?\)/);
  });

  it('refuses a gate the release does not have, naming the releases that do', () => {
    expect(errorsOf(() => resolveEmulation({ kubernetesVersion: 'v1.34', featureGates: { TaintTolerationComparisonOperators: false } }))).toEqual([
      { path: 'featureGates.TaintTolerationComparisonOperators', message: 'unrecognized feature gate: TaintTolerationComparisonOperators does not exist in v1.34 (it does in v1.35)' },
    ]);
  });

  it('refuses a locked gate set away from its value, as --feature-gates does', () => {
    expect(errorsOf(() => resolveEmulation({ kubernetesVersion: 'v1.35', featureGates: { DynamicResourceAllocation: false } }))).toEqual([
      { path: 'featureGates.DynamicResourceAllocation', message: 'cannot set feature gate DynamicResourceAllocation to false, feature is locked to true in v1.35' },
    ]);
    // The same gate is settable in v1.34, where it is GA but not locked.
    expect(resolveEmulation({ kubernetesVersion: 'v1.34', featureGates: { DynamicResourceAllocation: false } }).features.enableDynamicResourceAllocation).toBe(false);
  });

  it('refuses turning on a gate podplan cannot simulate yet instead of ignoring it', () => {
    const [error] = errorsOf(() => resolveEmulation({ featureGates: { TaintTolerationComparisonOperators: true } }));
    expect(error.message).toMatch(/^podplan does not simulate TaintTolerationComparisonOperators=true yet/);
  });
});

describe('cluster versions', () => {
  it.each([
    ['v1.34.2-eks-113cf36', 'v1.34'],
    ['v1.33.4+k3s1', 'v1.33'],
    ['v1.21.2-13+d2965f0db10712', 'v1.32'],
    ['v1.36.0', 'v1.35'],
    ['1.35', 'v1.35'],
  ])('%s is emulated as %s', (gitVersion, release) => {
    expect(nearestRelease(parseMinorVersion(gitVersion)!)).toBe(release);
  });

  it('supports the four newest minors, oldest first', () => {
    expect(SUPPORTED_RELEASES).toEqual(['v1.32', 'v1.33', 'v1.34', 'v1.35']);
  });
});
