import { describe, expect, it } from 'vitest';
import { PluginArgsError } from '../../../src/scheduling/framework/interfaces.js';
import { numCandidatesToFind, parseDefaultPreemptionArgs } from '../../../src/scheduling/preemption/args.js';
import { defaultPreemption } from '../../../src/scheduling/plugins/default-preemption/index.js';

function argsError(args: Record<string, unknown>): { path: string; message: string } | undefined {
  try {
    parseDefaultPreemptionArgs(args);
    return undefined;
  } catch (error) {
    if (!(error instanceof PluginArgsError)) throw error;
    return { path: error.path, message: error.message };
  }
}

describe('DefaultPreemptionArgs', () => {
  it('defaults as upstream SetDefaults_DefaultPreemptionArgs (10%, 100)', () => {
    expect(parseDefaultPreemptionArgs(undefined)).toEqual({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
    expect(parseDefaultPreemptionArgs({ minCandidateNodesPercentage: 50 })).toEqual({
      minCandidateNodesPercentage: 50,
      minCandidateNodesAbsolute: 100,
    });
  });

  // upstream pkg/scheduler/apis/config/validation/validation_pluginargs_test.go TestValidateDefaultPreemptionArgs
  // (the first error of each case, as our PluginArgsError carries one).
  it.each([
    { name: 'valid args (default)', args: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 }, want: undefined },
    {
      name: 'negative minCandidateNodesPercentage',
      args: { minCandidateNodesPercentage: -1, minCandidateNodesAbsolute: 100 },
      want: { path: 'minCandidateNodesPercentage', message: 'Invalid value: -1: not in valid range [0, 100]' },
    },
    {
      name: 'minCandidateNodesPercentage over 100',
      args: { minCandidateNodesPercentage: 900, minCandidateNodesAbsolute: 100 },
      want: { path: 'minCandidateNodesPercentage', message: 'Invalid value: 900: not in valid range [0, 100]' },
    },
    {
      name: 'negative minCandidateNodesAbsolute',
      args: { minCandidateNodesPercentage: 20, minCandidateNodesAbsolute: -1 },
      want: { path: 'minCandidateNodesAbsolute', message: 'Invalid value: -1: not in valid range [0, inf)' },
    },
    {
      name: 'all zero',
      args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 },
      want: { path: 'minCandidateNodesPercentage', message: 'Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute' },
    },
    {
      name: 'both out-of-range',
      args: { minCandidateNodesPercentage: -1, minCandidateNodesAbsolute: -1 },
      want: { path: 'minCandidateNodesPercentage', message: 'Invalid value: -1: not in valid range [0, 100]' },
    },
  ])('$name', ({ args, want }) => {
    expect(argsError(args)).toEqual(want);
  });

  it('rejects unknown fields and non-integers, as strict decoding does', () => {
    expect(argsError({ minCandidates: 3 })).toEqual({ path: 'minCandidates', message: 'unknown field "minCandidates"' });
    expect(argsError({ minCandidateNodesAbsolute: 1.5 })).toEqual({ path: 'minCandidateNodesAbsolute', message: 'must be a 32-bit integer' });
  });

  it('the factory validates before building the plugin', () => {
    expect(() => defaultPreemption({ minCandidateNodesPercentage: 101 })).toThrow(PluginArgsError);
    expect(defaultPreemption(undefined).name).toBe('DefaultPreemption');
  });
});

// upstream default_preemption_test.go TestCalculateNumCandidates (calculateNumCandidates).
describe('numCandidatesToFind', () => {
  it.each([
    { name: 'no nodes', numNodes: 0, percentage: 50, absolute: 10, want: 0 },
    { name: 'nodes*minCandidateNodesPercentage >= minCandidateNodesAbsolute', numNodes: 100, percentage: 50, absolute: 10, want: 50 },
    { name: 'nodes*minCandidateNodesPercentage < minCandidateNodesAbsolute', numNodes: 100, percentage: 5, absolute: 10, want: 10 },
    { name: 'minCandidateNodesAbsolute > numNodes', numNodes: 100, percentage: 5, absolute: 1000, want: 100 },
    { name: 'integer division truncates', numNodes: 15, percentage: 10, absolute: 1, want: 1 },
  ])('$name', ({ numNodes, percentage, absolute, want }) => {
    expect(numCandidatesToFind({ minCandidateNodesPercentage: percentage, minCandidateNodesAbsolute: absolute }, numNodes)).toBe(want);
  });
});
