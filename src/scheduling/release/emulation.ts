/**
 * The release a plan emulates, resolved once from the request: which
 * release, every known feature gate's value in it (the release's default
 * unless the request sets it), and the switches plugins read — upstream's
 * pkg/scheduler/framework/plugins/feature Features, plus the behaviours that
 * changed without a gate. Built from release-table.ts only.
 */
import type { PodRequestOptions } from '../model/pod-requests.js';
import { InvalidInputError, mapKeyPath, type FieldError } from '../../kube/field-error.js';
import { closestName } from './closest-name.js';
import { DEFAULT_RELEASE, isSupportedRelease, SUPPORTED_RELEASES, type KubernetesRelease } from './kubernetes-release.js';
import {
  DRA_EXTENDED_RESOURCE_RULES,
  DRA_POOL_RULES,
  DRA_PRIORITIZED_LIST_SCORING,
  FEATURE_GATE_ROWS,
  POD_LEVEL_HUGE_PAGES,
  UNTOLERATED_TAINT_WORDING,
  type DraExtendedResourceRules,
  type DraPoolRules,
  type UntoleratedTaintWording,
} from './release-table.js';

/** What plugins and the API-server emulation read (upstream feature.Features, by gate). */
export interface ReleaseFeatures {
  readonly enableDynamicResourceAllocation: boolean;
  /** DRAAdminAccess: requests may ask for admin access to devices in use. */
  readonly enableDRAAdminAccess: boolean;
  /** DRAPrioritizedList: requests may list firstAvailable subrequests. */
  readonly enableDRAPrioritizedList: boolean;
  /** DRAPartitionableDevices: shared counters and per-device node selection. */
  readonly enableDRAPartitionableDevices: boolean;
  /** DRADeviceTaints: device taints keep devices from requests that do not tolerate them. */
  readonly enableDRADeviceTaints: boolean;
  /** DRAConsumableCapacity: multi-allocatable devices shared by capacity, distinctAttribute constraints. */
  readonly enableDRAConsumableCapacity: boolean;
  /** DRAExtendedResource: DeviceClasses back extended resources no node advertises. */
  readonly enableDRAExtendedResource: boolean;
  /** What DRAExtendedResource does in this release (DRA_EXTENDED_RESOURCE_RULES). */
  readonly draExtendedResourceRules: DraExtendedResourceRules;
  /** How the DRA allocator treats incomplete and invalid pools (DRA_POOL_RULES). */
  readonly draPoolRules: DraPoolRules;
  /** DynamicResources scores firstAvailable selections (DRA_PRIORITIZED_LIST_SCORING). */
  readonly draPrioritizedListScoring: boolean;
  readonly enablePodLevelResources: boolean;
  /** Pod-level hugepages-* requests are applied (POD_LEVEL_HUGE_PAGES). */
  readonly podLevelHugePages: boolean;
  readonly enableMatchLabelKeysInPodAffinity: boolean;
  readonly enableMatchLabelKeysInPodTopologySpread: boolean;
  readonly enableNodeInclusionPolicyInPodTopologySpread: boolean;
  readonly enableSidecarContainers: boolean;
  readonly enableTaintTolerationComparisonOperators: boolean;
  /** VolumeLimitScaling: NodeVolumeLimits keeps pods off nodes without a CSI driver that asks for it. */
  readonly enableVolumeLimitScaling: boolean;
  readonly untoleratedTaintWording: UntoleratedTaintWording;
}

export interface Emulation {
  readonly kubernetesVersion: KubernetesRelease;
  /** Every gate the release knows (of those podplan models), with its value in this plan. */
  readonly featureGates: Readonly<Record<string, boolean>>;
  readonly features: ReleaseFeatures;
}

export interface EmulationRequest {
  readonly kubernetesVersion?: string;
  readonly featureGates?: Readonly<Record<string, boolean>>;
}

/** Gates whose `true` podplan cannot plan faithfully: refused rather than silently ignored. */
const NOT_YET_SIMULATED_WHEN_ON: ReadonlySet<string> = new Set(['TaintTolerationComparisonOperators']);

/** Gate values in force in a release: its defaults, with `overrides` applied (assumed valid). */
function gateValues(release: KubernetesRelease, overrides: Readonly<Record<string, boolean>>): Record<string, boolean> {
  const values: Record<string, boolean> = {};
  for (const row of FEATURE_GATE_ROWS) {
    const spec = row.releases[release];
    if (spec) values[row.gate] = overrides[row.gate] ?? spec.default;
  }
  return values;
}

function featuresOf(release: KubernetesRelease, gates: Readonly<Record<string, boolean>>): ReleaseFeatures {
  const on = (gate: string): boolean => gates[gate] === true;
  return {
    enableDynamicResourceAllocation: on('DynamicResourceAllocation'),
    enableDRAAdminAccess: on('DRAAdminAccess'),
    enableDRAPrioritizedList: on('DRAPrioritizedList'),
    enableDRAPartitionableDevices: on('DRAPartitionableDevices'),
    enableDRADeviceTaints: on('DRADeviceTaints'),
    enableDRAConsumableCapacity: on('DRAConsumableCapacity'),
    enableDRAExtendedResource: on('DRAExtendedResource'),
    draExtendedResourceRules: DRA_EXTENDED_RESOURCE_RULES.releases[release],
    draPoolRules: DRA_POOL_RULES.releases[release],
    draPrioritizedListScoring: DRA_PRIORITIZED_LIST_SCORING.releases[release],
    enablePodLevelResources: on('PodLevelResources'),
    podLevelHugePages: POD_LEVEL_HUGE_PAGES.releases[release],
    enableMatchLabelKeysInPodAffinity: on('MatchLabelKeysInPodAffinity'),
    enableMatchLabelKeysInPodTopologySpread: on('MatchLabelKeysInPodTopologySpread'),
    enableNodeInclusionPolicyInPodTopologySpread: on('NodeInclusionPolicyInPodTopologySpread'),
    enableSidecarContainers: on('SidecarContainers'),
    enableTaintTolerationComparisonOperators: on('TaintTolerationComparisonOperators'),
    enableVolumeLimitScaling: on('VolumeLimitScaling'),
    untoleratedTaintWording: UNTOLERATED_TAINT_WORDING.releases[release],
  };
}

/** How a release with these features counts pod-level resources (component-helpers PodRequests options). */
export function podRequestOptionsOf(features: ReleaseFeatures): PodRequestOptions {
  return { podLevelResources: features.enablePodLevelResources, podLevelHugePages: features.podLevelHugePages };
}

/** A release with its default gates: what a plan emulates when the request sets none. */
export function defaultEmulation(release: KubernetesRelease = DEFAULT_RELEASE): Emulation {
  const featureGates = gateValues(release, {});
  return { kubernetesVersion: release, featureGates, features: featuresOf(release, featureGates) };
}

/**
 * Validates `featureGates` against the release as kube-scheduler's
 * --feature-gates does (component-base featuregate Set): an unknown gate is
 * refused, and so is a locked gate set away from its value ("cannot set
 * feature gate X to false, feature is locked to true").
 */
function checkGates(release: KubernetesRelease, gates: Readonly<Record<string, boolean>>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const known = FEATURE_GATE_ROWS.filter((row) => row.releases[release]).map((row) => row.gate);
  for (const [gate, value] of Object.entries(gates)) {
    const gatePath = mapKeyPath(path, gate);
    const row = FEATURE_GATE_ROWS.find((candidate) => candidate.gate === gate);
    const spec = row?.releases[release];
    if (!row) {
      const hint = closestName(gate, FEATURE_GATE_ROWS.map((candidate) => candidate.gate));
      errors.push({
        path: gatePath,
        message: `unrecognized feature gate: ${gate}${hint ? ` (did you mean "${hint}"?)` : ''}; podplan models the gates that change scheduling: ${known.join(', ')}`,
      });
    } else if (!spec) {
      const releases = SUPPORTED_RELEASES.filter((candidate) => row.releases[candidate]).join(', ');
      errors.push({ path: gatePath, message: `unrecognized feature gate: ${gate} does not exist in ${release} (it does in ${releases})` });
    } else if (typeof value !== 'boolean') {
      errors.push({ path: gatePath, message: `Invalid value: expected true or false` });
    } else if (spec.locked && value !== spec.default) {
      errors.push({ path: gatePath, message: `cannot set feature gate ${gate} to ${value}, feature is locked to ${spec.default} in ${release}` });
    } else if (value && NOT_YET_SIMULATED_WHEN_ON.has(gate)) {
      errors.push({ path: gatePath, message: `podplan does not simulate ${gate}=true yet (${row.modelled})` });
    }
  }
  return errors;
}

/**
 * The emulation a request asks for: its `kubernetesVersion` (else
 * `fallback`, the topology's release, else the newest) and its
 * `featureGates`. Throws InvalidInputError with paths under `path`.
 */
export function resolveEmulation(request: EmulationRequest, fallback: KubernetesRelease = DEFAULT_RELEASE, path = ''): Emulation {
  const at = (field: string): string => (path ? `${path}.${field}` : field);
  const requested = request.kubernetesVersion;
  if (requested !== undefined && !isSupportedRelease(requested)) {
    throw new InvalidInputError([
      {
        path: at('kubernetesVersion'),
        message: `Unsupported value: "${requested}": supported values: ${SUPPORTED_RELEASES.map((release) => `"${release}"`).join(', ')}`,
      },
    ]);
  }
  const release = requested ?? fallback;
  const overrides = request.featureGates ?? {};
  const errors = checkGates(release, overrides, at('featureGates'));
  if (errors.length > 0) throw new InvalidInputError(errors);
  const featureGates = gateValues(release, overrides);
  return { kubernetesVersion: release, featureGates, features: featuresOf(release, featureGates) };
}
