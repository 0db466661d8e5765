import { describe, expect, it } from 'vitest';
import { PluginArgsError } from '../../../../src/scheduling/framework/interfaces.js';
import { parseInterPodAffinityArgs } from '../../../../src/scheduling/plugins/inter-pod-affinity/args.js';
import { interPodAffinity } from '../../../../src/scheduling/plugins/inter-pod-affinity/index.js';

describe('InterPodAffinityArgs', () => {
  it('applies the v1 defaults (SetDefaults_InterPodAffinityArgs)', () => {
    expect(parseInterPodAffinityArgs(undefined)).toEqual({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });
    expect(parseInterPodAffinityArgs({})).toEqual({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });
  });

  it.each([0, 1, 100])('accepts hardPodAffinityWeight %i', (weight) => {
    expect(parseInterPodAffinityArgs({ hardPodAffinityWeight: weight, ignorePreferredTermsOfExistingPods: true })).toEqual({
      hardPodAffinityWeight: weight,
      ignorePreferredTermsOfExistingPods: true,
    });
  });

  // As upstream validation_pluginargs.go ValidateHardPodAffinityWeight.
  it.each([-1, 101])('rejects hardPodAffinityWeight %i outside [0-100]', (weight) => {
    const error = captureArgsError(() => parseInterPodAffinityArgs({ hardPodAffinityWeight: weight }));
    expect(error.path).toBe('hardPodAffinityWeight');
    expect(error.message).toBe(`Invalid value: ${weight}: not in valid range [0-100]`);
  });

  it.each([
    [{ hardPodAffinityWeight: 1.5 }, 'hardPodAffinityWeight', 'must be an integer'],
    [{ hardPodAffinityWeight: '2' }, 'hardPodAffinityWeight', 'must be an integer'],
    [{ ignorePreferredTermsOfExistingPods: 'yes' }, 'ignorePreferredTermsOfExistingPods', 'must be a boolean'],
    [{ hardPodAffinityWieght: 2 }, 'hardPodAffinityWieght', 'unknown field "hardPodAffinityWieght"'],
  ])('rejects %j', (args, path, message) => {
    const error = captureArgsError(() => parseInterPodAffinityArgs(args));
    expect([error.path, error.message]).toEqual([path, message]);
  });

  it('builds the plugin under its upstream name', () => {
    expect(interPodAffinity(undefined).name).toBe('InterPodAffinity');
  });
});

function captureArgsError(parse: () => unknown): PluginArgsError {
  try {
    parse();
  } catch (error) {
    if (error instanceof PluginArgsError) return error;
    throw error;
  }
  throw new Error('expected a PluginArgsError');
}
