/**
 * NodeResourcesFitArgs defaulting and validation, as upstream
 * pkg/scheduler/apis/config/v1/defaults.go SetDefaults_NodeResourcesFitArgs and
 * pkg/scheduler/apis/config/validation/validation_pluginargs.go
 * ValidateNodeResourcesFitArgs (cases after validation_pluginargs_test.go
 * TestValidateFitArgs).
 */
import { describe, expect, it } from 'vitest';
import { PluginArgsError } from '../../../../src/scheduling/framework/interfaces.js';
import { parseNodeResourcesFitArgs } from '../../../../src/scheduling/plugins/node-resources/fit-args.js';

function argsError(args: Record<string, unknown>): PluginArgsError {
  try {
    parseNodeResourcesFitArgs(args);
  } catch (error) {
    if (error instanceof PluginArgsError) return error;
    throw error;
  }
  throw new Error('expected a PluginArgsError');
}

const shape = (...points: [number, number][]) => points.map(([utilization, score]) => ({ utilization, score }));

describe('NodeResourcesFitArgs: defaults', () => {
  it('defaults to LeastAllocated over cpu and memory', () => {
    expect(parseNodeResourcesFitArgs(undefined)).toEqual({
      ignoredResources: [],
      ignoredResourceGroups: [],
      scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] },
    });
  });
  it('keeps a given strategy and fills its missing weights', () => {
    const parsed = parseNodeResourcesFitArgs({ scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'nvidia.com/gpu' }] } });
    expect(parsed.scoringStrategy).toEqual({ type: 'MostAllocated', resources: [{ name: 'nvidia.com/gpu', weight: 1 }] });
  });
});

describe('NodeResourcesFitArgs: validation', () => {
  it.each([
    {
      name: 'IgnoredResources: too long value',
      args: { ignoredResources: [`${'a'.repeat(64)}`] },
      path: 'ignoredResources[0]',
      message: /name part must be no more than 63 characters/,
    },
    {
      name: 'IgnoredResources: name is empty',
      args: { ignoredResources: ['example.com/'] },
      path: 'ignoredResources[0]',
      message: /name part must be non-empty/,
    },
    {
      name: 'IgnoredResources: name has too many slash',
      args: { ignoredResources: ['example.com/aaa/bbb'] },
      path: 'ignoredResources[0]',
      message: /a qualified name must consist of/,
    },
    {
      name: 'IgnoredResourceGroups: name contains slash',
      args: { ignoredResourceGroups: ['example.com/aa'] },
      path: 'ignoredResourceGroups[0]',
      message: /resource group name can't contain '\/'/,
    },
    {
      name: 'IgnoredResourceGroups: too long value',
      args: { ignoredResourceGroups: ['b'.repeat(64)] },
      path: 'ignoredResourceGroups[0]',
      message: /name part must be no more than 63 characters/,
    },
    {
      name: 'ScoringStrategy: type is unsupported',
      args: { scoringStrategy: { type: 'Invalid' } },
      path: 'scoringStrategy.type',
      message: /Unsupported value: "Invalid": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"/,
    },
    {
      name: 'ScoringStrategy: resources weight out of range',
      args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 101 }] } },
      path: 'scoringStrategy.resources[0].weight',
      message: /Invalid value: 101: resource weight of cpu not in valid range \(0, 100\]/,
    },
    {
      name: 'ScoringStrategy: RequestedToCapacityRatio without its parameters',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio' } },
      path: 'scoringStrategy.requestedToCapacityRatio',
      message: /Required value: must be specified when type is RequestedToCapacityRatio/,
    },
    {
      name: 'ScoringStrategy: requestedToCapacityRatio with another type',
      args: { scoringStrategy: { type: 'MostAllocated', requestedToCapacityRatio: { shape: shape([0, 10]) } } },
      path: 'scoringStrategy.requestedToCapacityRatio',
      message: /Forbidden: must be nil when type is not RequestedToCapacityRatio/,
    },
    {
      name: 'ScoringStrategy: shape is empty',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [] } } },
      path: 'scoringStrategy.requestedToCapacityRatio.shape',
      message: /Required value: at least one point must be specified/,
    },
    {
      name: 'ScoringStrategy: shape utilization not increasing',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: shape([10, 1], [10, 2]) } } },
      path: 'scoringStrategy.requestedToCapacityRatio.shape[1].utilization',
      message: /values must be sorted in increasing order/,
    },
    {
      name: 'ScoringStrategy: shape utilization out of range',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: shape([-10, 1], [110, 2]) } } },
      path: 'scoringStrategy.requestedToCapacityRatio.shape[0].utilization',
      message: /Invalid value: -10: not in valid range \[0, 100\]/,
    },
    {
      name: 'ScoringStrategy: shape score out of range',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: shape([10, 11]) } } },
      path: 'scoringStrategy.requestedToCapacityRatio.shape[0].score',
      message: /Invalid value: 11: not in valid range \[0, 10\]/,
    },
    {
      name: 'unknown field',
      args: { scoringStrategy: { type: 'LeastAllocated', resource: [] } },
      path: 'scoringStrategy.resource',
      message: /unknown field "resource"/,
    },
  ])('$name', ({ args, path, message }) => {
    const error = argsError(args);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });

  it('accepts valid ignored resources and groups', () => {
    const parsed = parseNodeResourcesFitArgs({ ignoredResources: ['example.com/foo'], ignoredResourceGroups: ['example.com'] });
    expect(parsed.ignoredResources).toEqual(['example.com/foo']);
    expect(parsed.ignoredResourceGroups).toEqual(['example.com']);
  });
});
