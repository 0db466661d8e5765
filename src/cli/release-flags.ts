/**
 * `--kubernetes-version` and `--feature-gates`, as kube-scheduler's own
 * `--feature-gates` reads its value: comma-separated `Name=bool` pairs, the
 * bool as Go's strconv.ParseBool takes it (1, t, T, TRUE, true, True, 0, f,
 * F, FALSE, false, False). Which names and values the release allows is
 * judged with the request (scheduling/release/emulation.ts), like the API's
 * `kubernetesVersion` / `featureGates`.
 */
import type { EmulationRequest } from '../scheduling/release/emulation.js';
import { badInput } from './cli-error.js';
import type { PathRewrite } from './input/source-paths.js';

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function featureGatesOf(value: string | undefined): Record<string, boolean> | undefined {
  if (value === undefined) return undefined;
  const gates: Record<string, boolean> = {};
  for (const pair of value.split(',')) {
    const entry = pair.trim();
    if (entry === '') continue;
    const equals = entry.indexOf('=');
    if (equals <= 0) throw badInput(`--feature-gates: missing bool value for ${entry} (expected Name=true or Name=false)`);
    const name = entry.slice(0, equals).trim();
    const word = entry.slice(equals + 1).trim();
    if (TRUE_WORDS.has(word)) gates[name] = true;
    else if (FALSE_WORDS.has(word)) gates[name] = false;
    else throw badInput(`--feature-gates: invalid value of ${name}=${word}: not a bool (true or false)`);
  }
  return gates;
}

/** The release part of a request from the flags (nothing when neither is given). */
export function releaseRequestOf(flags: { 'kubernetes-version'?: string; 'feature-gates'?: string }): EmulationRequest {
  const featureGates = featureGatesOf(flags['feature-gates']);
  return {
    ...(flags['kubernetes-version'] !== undefined ? { kubernetesVersion: flags['kubernetes-version'] } : {}),
    ...(featureGates !== undefined ? { featureGates } : {}),
  };
}

/** Errors at `kubernetesVersion` / `featureGates.<Name>` are about these flags. */
export const releaseFlagPaths: PathRewrite = (path) => {
  if (path === 'kubernetesVersion') return '--kubernetes-version';
  if (path === 'featureGates') return '--feature-gates';
  if (path.startsWith('featureGates.')) return `--feature-gates ${path.slice('featureGates.'.length)}`;
  return undefined;
};
