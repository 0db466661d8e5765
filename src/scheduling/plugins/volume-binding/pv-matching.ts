/**
 * The PersistentVolume helpers VolumeBinding calls, as component-helpers
 * storage/volume pv_helpers.go (v1.34): CheckNodeAffinity,
 * IsVolumeBoundToClaim, CheckAccessModes, CheckVolumeModeMismatches,
 * GetPersistentVolumeClass, and v1helper MatchTopologySelectorTerms.
 */
import type { V1PersistentVolume, V1PersistentVolumeClaim, V1TopologySelectorTerm } from '@kubernetes/client-node';
import { BETA_STORAGE_CLASS_ANNOTATION } from '../../../kube/storage-stripping.js';
import type { Labels } from '../../../kube/label-selector.js';
import { NodeSelector } from '../node-affinity/node-selector.js';

export { claimClass } from '../volume-zone/volume-zone-plugin.js';

/** GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName. */
export function volumeClass(volume: V1PersistentVolume): string {
  return volume.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? volume.spec?.storageClassName ?? '';
}

const compiledAffinities = new WeakMap<V1PersistentVolume, NodeSelector | null>();

/** The PV's required node affinity, compiled once per PV object; null when it has none. */
export function volumeNodeSelector(volume: V1PersistentVolume): NodeSelector | null {
  let compiled = compiledAffinities.get(volume);
  if (compiled === undefined) {
    const required = volume.spec?.nodeAffinity?.required;
    compiled = required ? NodeSelector.compile(required) : null;
    compiledAffinities.set(volume, compiled);
  }
  return compiled;
}

/**
 * CheckNodeAffinity: the PV's required terms against a node that has only
 * these labels (no name, so matchFields never match). A term that does not
 * parse matches nothing, which is how upstream's error reads to its callers.
 */
export function nodeAffinityMatches(volume: V1PersistentVolume, labels: Labels): boolean {
  const selector = volumeNodeSelector(volume);
  return selector === null || selector.matches({ name: '', labels });
}

/** IsVolumeBoundToClaim: the PV's claimRef names this claim (and its uid, when the ref has one). */
export function isVolumeBoundToClaim(volume: V1PersistentVolume, claim: V1PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || (ref.namespace || 'default') !== (claim.metadata?.namespace || 'default')) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

/** CheckAccessModes: every mode the claim asks for is one the PV offers. */
export function accessModesMatch(claim: V1PersistentVolumeClaim, volume: V1PersistentVolume): boolean {
  const offered = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((mode) => offered.has(mode));
}

/** CheckVolumeModeMismatches: both default to Filesystem. */
export function volumeModeMismatch(claim: V1PersistentVolumeClaim, volume: V1PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/**
 * v1helper MatchTopologySelectorTerms: no terms match everything; an empty
 * term matches nothing; a term matches when every expression's key has one
 * of its values.
 */
export function matchTopologySelectorTerms(terms: readonly V1TopologySelectorTerm[] | undefined, labels: Labels): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((term) => {
    const expressions = term.matchLabelExpressions ?? [];
    if (expressions.length === 0) return false;
    return expressions.every((expression) => {
      const values = expression.values ?? [];
      const value = labels[expression.key];
      return values.length > 0 && value !== undefined && values.includes(value);
    });
  });
}
