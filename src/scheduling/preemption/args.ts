/**
 * DefaultPreemptionArgs (kubescheduler.config.k8s.io/v1): decoding, v1
 * defaulting (SetDefaults_DefaultPreemptionArgs: 10% / 100) and validation
 * as upstream validation_pluginargs.go ValidateDefaultPreemptionArgs, which
 * reports the first error in its order.
 */
import { PluginArgsError } from '../framework/interfaces.js';
import { fitsInteger } from '../../kube/integer-ranges.js';

export interface DefaultPreemptionArgs {
  /** At least this percentage of the potential nodes is dry-run before a candidate is picked. */
  readonly minCandidateNodesPercentage: number;
  /** At least this many potential nodes are dry-run (capped at the number of potential nodes). */
  readonly minCandidateNodesAbsolute: number;
}

export const DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE = 100;

const ARGS_FIELDS = new Set(['apiVersion', 'kind', 'minCandidateNodesPercentage', 'minCandidateNodesAbsolute']);

function int32Field(args: Record<string, unknown>, field: string, fallback: number): number {
  const value = args[field];
  if (value === undefined || value === null) return fallback;
  if (!fitsInteger(value, 'int32')) {
    throw new PluginArgsError(field, 'must be a 32-bit integer');
  }
  return value;
}

export function parseDefaultPreemptionArgs(raw: Record<string, unknown> | undefined): DefaultPreemptionArgs {
  const args = raw ?? {};
  for (const key of Object.keys(args)) {
    if (!ARGS_FIELDS.has(key)) throw new PluginArgsError(key, `unknown field "${key}"`);
  }
  const minCandidateNodesPercentage = int32Field(args, 'minCandidateNodesPercentage', DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE);
  const minCandidateNodesAbsolute = int32Field(args, 'minCandidateNodesAbsolute', DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE);
  if (minCandidateNodesPercentage < 0 || minCandidateNodesPercentage > 100) {
    throw new PluginArgsError(
      'minCandidateNodesPercentage',
      `Invalid value: ${minCandidateNodesPercentage}: not in valid range [0, 100]`,
    );
  }
  if (minCandidateNodesAbsolute < 0) {
    throw new PluginArgsError('minCandidateNodesAbsolute', `Invalid value: ${minCandidateNodesAbsolute}: not in valid range [0, inf)`);
  }
  if (minCandidateNodesPercentage === 0 && minCandidateNodesAbsolute === 0) {
    throw new PluginArgsError(
      'minCandidateNodesPercentage',
      'Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute',
    );
  }
  return { minCandidateNodesPercentage, minCandidateNodesAbsolute };
}

/**
 * How many candidates the dry run must find before it stops, as upstream
 * calculateNumCandidates: int32 percentage of the potential nodes, at least
 * the absolute minimum, at most the number of potential nodes.
 */
export function numCandidatesToFind(args: DefaultPreemptionArgs, numPotentialNodes: number): number {
  let count = Math.trunc((numPotentialNodes * args.minCandidateNodesPercentage) / 100);
  if (count < args.minCandidateNodesAbsolute) count = args.minCandidateNodesAbsolute;
  if (count > numPotentialNodes) count = numPotentialNodes;
  return count;
}
