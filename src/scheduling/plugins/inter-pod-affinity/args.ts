/**
 * InterPodAffinityArgs (kubescheduler.config.k8s.io/v1), with upstream's v1
 * defaults (SetDefaults_InterPodAffinityArgs: hardPodAffinityWeight 1) and
 * validation (validation_pluginargs.go ValidateHardPodAffinityWeight: [0, 100]).
 */
import { PluginArgsError } from '../../framework/interfaces.js';
import { integerProblem } from '../../../kube/integer-ranges.js';

export interface InterPodAffinityArgs {
  /** Weight of an existing pod's required affinity term that the incoming pod matches, in scoring. */
  readonly hardPodAffinityWeight: number;
  /** Skip scoring when the incoming pod has no preferred (anti-)affinity terms. */
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

const DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;
const MIN_HARD_POD_AFFINITY_WEIGHT = 0;
const MAX_HARD_POD_AFFINITY_WEIGHT = 100;

const KNOWN_FIELDS: ReadonlySet<string> = new Set(['hardPodAffinityWeight', 'ignorePreferredTermsOfExistingPods']);

export function parseInterPodAffinityArgs(args: Record<string, unknown> | undefined): InterPodAffinityArgs {
  const given = args ?? {};
  for (const key of Object.keys(given)) {
    if (!KNOWN_FIELDS.has(key)) throw new PluginArgsError(key, `unknown field "${key}"`);
  }
  const givenWeight: unknown = given.hardPodAffinityWeight ?? DEFAULT_HARD_POD_AFFINITY_WEIGHT;
  const problem = integerProblem(givenWeight, 'int32');
  if (problem !== undefined) throw new PluginArgsError('hardPodAffinityWeight', problem);
  const weight = givenWeight as number;
  if (weight < MIN_HARD_POD_AFFINITY_WEIGHT || weight > MAX_HARD_POD_AFFINITY_WEIGHT) {
    throw new PluginArgsError(
      'hardPodAffinityWeight',
      `Invalid value: ${weight}: not in valid range [${MIN_HARD_POD_AFFINITY_WEIGHT}-${MAX_HARD_POD_AFFINITY_WEIGHT}]`,
    );
  }
  const ignore = given.ignorePreferredTermsOfExistingPods ?? false;
  if (typeof ignore !== 'boolean') throw new PluginArgsError('ignorePreferredTermsOfExistingPods', 'must be a boolean');
  return { hardPodAffinityWeight: weight, ignorePreferredTermsOfExistingPods: ignore };
}
