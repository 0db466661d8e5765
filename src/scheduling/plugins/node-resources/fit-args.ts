/**
 * NodeResourcesFitArgs (kubescheduler.config.k8s.io/v1): strict decoding, v1
 * defaulting (SetDefaults_NodeResourcesFitArgs: LeastAllocated over cpu and
 * memory when no scoringStrategy is given) and validation as upstream
 * validation_pluginargs.go ValidateNodeResourcesFitArgs. The first error in
 * upstream's order is thrown as a PluginArgsError with field.Error's wording.
 */
import { PluginArgsError } from '../../framework/interfaces.js';
import { qualifiedNameErrors } from '../node-affinity/label-syntax.js';
import { decodeInteger, decodeList, decodeObject, decodeString, decodeStringList } from './args-decoding.js';
import { decodeResourceSpecs, defaultResourceSpecs, DEFAULT_RESOURCE_SPECS, type ResourceSpec } from './resource-spec.js';

export const ScoringStrategyType = {
  LeastAllocated: 'LeastAllocated',
  MostAllocated: 'MostAllocated',
  RequestedToCapacityRatio: 'RequestedToCapacityRatio',
} as const;
export type ScoringStrategyType = (typeof ScoringStrategyType)[keyof typeof ScoringStrategyType];

/** Shape scores are 0..MaxCustomPriorityScore (config.MaxCustomPriorityScore). */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;
const MAX_UTILIZATION = 100;
const MAX_RESOURCE_WEIGHT = 100;

export interface UtilizationShapePoint {
  readonly utilization: number;
  readonly score: number;
}

export interface ScoringStrategy {
  readonly type: ScoringStrategyType;
  readonly resources: readonly ResourceSpec[];
  readonly requestedToCapacityRatio?: { readonly shape: readonly UtilizationShapePoint[] };
}

export interface NodeResourcesFitArgs {
  readonly ignoredResources: readonly string[];
  readonly ignoredResourceGroups: readonly string[];
  readonly scoringStrategy: ScoringStrategy;
}

/** sets.List order: sorted. */
const SUPPORTED_TYPES: readonly string[] = Object.values(ScoringStrategyType).sort();

function invalid(path: string, value: string | number, detail: string): PluginArgsError {
  return new PluginArgsError(path, `Invalid value: ${typeof value === 'string' ? JSON.stringify(value) : value}: ${detail}`);
}

function decodeShape(value: unknown, path: string): UtilizationShapePoint[] {
  return decodeList(value, path).map((item, index) => {
    const pointPath = `${path}[${index}]`;
    const point = decodeObject(item, pointPath, ['utilization', 'score']) ?? {};
    return {
      utilization: decodeInteger(point.utilization, `${pointPath}.utilization`, 'int32'),
      score: decodeInteger(point.score, `${pointPath}.score`, 'int32'),
    };
  });
}

function decodeScoringStrategy(value: unknown): { type: string; resources: ResourceSpec[]; shape?: UtilizationShapePoint[] } | undefined {
  const strategy = decodeObject(value, 'scoringStrategy', ['type', 'resources', 'requestedToCapacityRatio']);
  if (!strategy) return undefined;
  const ratio = decodeObject(strategy.requestedToCapacityRatio, 'scoringStrategy.requestedToCapacityRatio', ['shape']);
  return {
    type: decodeString(strategy.type, 'scoringStrategy.type'),
    resources: decodeResourceSpecs(strategy.resources, 'scoringStrategy.resources'),
    ...(ratio ? { shape: decodeShape(ratio.shape, 'scoringStrategy.requestedToCapacityRatio.shape') } : {}),
  };
}

/** Upstream validateFunctionShape (also used by VolumeBinding's shape). */
export function validateFunctionShape(shape: readonly UtilizationShapePoint[], path: string): void {
  if (shape.length === 0) throw new PluginArgsError(path, 'Required value: at least one point must be specified');
  for (let index = 1; index < shape.length; index++) {
    if (shape[index - 1].utilization >= shape[index].utilization) {
      throw invalid(`${path}[${index}].utilization`, shape[index].utilization, 'values must be sorted in increasing order');
    }
  }
  shape.forEach((point, index) => {
    if (point.utilization < 0 || point.utilization > MAX_UTILIZATION) {
      throw invalid(`${path}[${index}].utilization`, point.utilization, `not in valid range [0, ${MAX_UTILIZATION}]`);
    }
    if (point.score < 0 || point.score > MAX_CUSTOM_PRIORITY_SCORE) {
      throw invalid(`${path}[${index}].score`, point.score, `not in valid range [0, ${MAX_CUSTOM_PRIORITY_SCORE}]`);
    }
  });
}

function validateResourceWeights(resources: readonly ResourceSpec[], path: string): void {
  resources.forEach((resource, index) => {
    if (resource.weight <= 0 || resource.weight > MAX_RESOURCE_WEIGHT) {
      throw invalid(`${path}[${index}].weight`, resource.weight, `resource weight of ${resource.name} not in valid range (0, ${MAX_RESOURCE_WEIGHT}]`);
    }
  });
}

export function parseNodeResourcesFitArgs(args: Record<string, unknown> | undefined): NodeResourcesFitArgs {
  const raw = decodeObject(args ?? {}, '', ['apiVersion', 'kind', 'ignoredResources', 'ignoredResourceGroups', 'scoringStrategy']) ?? {};
  const ignoredResources = decodeStringList(raw.ignoredResources, 'ignoredResources');
  const ignoredResourceGroups = decodeStringList(raw.ignoredResourceGroups, 'ignoredResourceGroups');
  const decoded = decodeScoringStrategy(raw.scoringStrategy);
  const type = decoded ? decoded.type : ScoringStrategyType.LeastAllocated;
  const resources = decoded ? defaultResourceSpecs(decoded.resources) : [...DEFAULT_RESOURCE_SPECS];

  ignoredResources.forEach((name, index) => {
    const [error] = qualifiedNameErrors(name);
    if (error) throw invalid(`ignoredResources[${index}]`, name, error);
  });
  ignoredResourceGroups.forEach((group, index) => {
    if (group.includes('/')) throw invalid(`ignoredResourceGroups[${index}]`, group, "resource group name can't contain '/'");
    const [error] = qualifiedNameErrors(group);
    if (error) throw invalid(`ignoredResourceGroups[${index}]`, group, error);
  });
  if (!SUPPORTED_TYPES.includes(type)) {
    throw new PluginArgsError(
      'scoringStrategy.type',
      `Unsupported value: ${JSON.stringify(type)}: supported values: ${SUPPORTED_TYPES.map((value) => JSON.stringify(value)).join(', ')}`,
    );
  }
  validateResourceWeights(resources, 'scoringStrategy.resources');
  const shape = decoded?.shape;
  if (type === ScoringStrategyType.RequestedToCapacityRatio) {
    if (!shape) {
      throw new PluginArgsError('scoringStrategy.requestedToCapacityRatio', 'Required value: must be specified when type is RequestedToCapacityRatio');
    }
    validateFunctionShape(shape, 'scoringStrategy.requestedToCapacityRatio.shape');
  } else if (shape) {
    throw new PluginArgsError('scoringStrategy.requestedToCapacityRatio', 'Forbidden: must be nil when type is not RequestedToCapacityRatio');
  }
  return {
    ignoredResources,
    ignoredResourceGroups,
    scoringStrategy: { type: type as ScoringStrategyType, resources, ...(shape ? { requestedToCapacityRatio: { shape } } : {}) },
  };
}
