/**
 * NodeAffinityArgs (kubescheduler.config.k8s.io/v1): an optional
 * `addedAffinity` every pod must also satisfy (required) or is scored by
 * (preferred). Parsed and validated as upstream ValidateNodeAffinityArgs
 * (validation_pluginargs.go) and nodeaffinity.New.
 */
import type { V1NodeAffinity } from '@kubernetes/client-node';
import { PluginArgsError } from '../../framework/interfaces.js';
import { NodeSelector, PreferredSchedulingTerms } from './node-selector.js';
import type { SelectorFieldError } from './selector-field-error.js';

export interface NodeAffinityArgs {
  readonly addedAffinity?: V1NodeAffinity;
}

/** The scheduler-enforced affinity, compiled. */
export interface AddedAffinity {
  readonly required?: NodeSelector;
  /** Set only when there is at least one preferred term (upstream `len(terms) != 0`). */
  readonly preferred?: PreferredSchedulingTerms;
}

const REQUIRED_PATH = 'addedAffinity.requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED_PATH = 'addedAffinity.preferredDuringSchedulingIgnoredDuringExecution';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function throwFirst(errors: readonly SelectorFieldError[]): void {
  if (errors.length > 0) throw new PluginArgsError(errors[0].path, errors[0].body);
}

export function parseNodeAffinityArgs(args: Record<string, unknown> | undefined): AddedAffinity {
  if (args === undefined) return {};
  for (const key of Object.keys(args)) {
    if (key !== 'addedAffinity') throw new PluginArgsError(key, 'unknown field');
  }
  const added = args.addedAffinity;
  if (added === undefined || added === null) return {};
  if (!isObject(added)) throw new PluginArgsError('addedAffinity', 'must be an object (v1 NodeAffinity)');
  const affinity = added as V1NodeAffinity;
  let required: NodeSelector | undefined;
  const requiredSelector = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (requiredSelector !== undefined && requiredSelector !== null) {
    if (!isObject(requiredSelector) || !Array.isArray(requiredSelector.nodeSelectorTerms)) {
      throw new PluginArgsError(`${REQUIRED_PATH}.nodeSelectorTerms`, 'must be a list of node selector terms');
    }
    required = NodeSelector.compile(requiredSelector, REQUIRED_PATH);
    throwFirst(required.parseErrors);
  }
  let preferred: PreferredSchedulingTerms | undefined;
  const preferredTerms = affinity.preferredDuringSchedulingIgnoredDuringExecution;
  if (preferredTerms !== undefined && preferredTerms !== null) {
    if (!Array.isArray(preferredTerms)) throw new PluginArgsError(PREFERRED_PATH, 'must be a list of preferred scheduling terms');
    if (preferredTerms.length > 0) {
      const compiled = PreferredSchedulingTerms.compile(preferredTerms, PREFERRED_PATH);
      throwFirst(compiled.errors);
      preferred = compiled.terms;
    }
  }
  return { required, preferred };
}
