/**
 * csi-translation-lib plugins/in_tree_volume.go translateTopologyFromInTreeToCSI
 * (v1.34): how an in-tree PV's zone node affinity reads once the PV is
 * translated to its CSI driver. The zone key of the affinity (or, without
 * one, of the PV's labels) is rewritten to the driver's topology key; a beta
 * region key in the affinity becomes the GA one. Pure: returns a new
 * affinity, never changes the PV.
 */
import type { V1NodeSelectorTerm, V1PersistentVolume, V1VolumeNodeAffinity } from '@kubernetes/client-node';
import { LABEL_FAILURE_DOMAIN_BETA_REGION, LABEL_FAILURE_DOMAIN_BETA_ZONE, LABEL_TOPOLOGY_REGION, LABEL_TOPOLOGY_ZONE } from '../volume-zone/pv-topology.js';

/** cloud-provider volume LabelMultiZoneDelimiter: a regional disk's zones in one label value. */
const LABEL_MULTI_ZONE_DELIMITER = '__';

function termsOf(volume: V1PersistentVolume): readonly V1NodeSelectorTerm[] {
  return volume.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
}

/** TopologyKeyExist: some term's matchExpressions name the key. */
function topologyKeyExists(key: string, terms: readonly V1NodeSelectorTerm[]): boolean {
  return terms.some((term) => (term.matchExpressions ?? []).some((expression) => expression.key === key));
}

/**
 * getTopologyLabel: the GA labels unless the affinity (first) or the PV's
 * labels (then) use the beta zone key and not the GA one.
 */
function topologyLabels(volume: V1PersistentVolume): { readonly zone: string; readonly region: string } {
  const ga = { zone: LABEL_TOPOLOGY_ZONE, region: LABEL_TOPOLOGY_REGION };
  const beta = { zone: LABEL_FAILURE_DOMAIN_BETA_ZONE, region: LABEL_FAILURE_DOMAIN_BETA_REGION };
  const terms = termsOf(volume);
  if (topologyKeyExists(LABEL_TOPOLOGY_ZONE, terms)) return ga;
  if (topologyKeyExists(LABEL_FAILURE_DOMAIN_BETA_ZONE, terms)) return beta;
  const labels = volume.metadata?.labels ?? {};
  if (LABEL_TOPOLOGY_ZONE in labels) return ga;
  if (LABEL_FAILURE_DOMAIN_BETA_ZONE in labels) return beta;
  return ga;
}

/** getTopologyValues: whether some expression on the key has a value (the zones upstream collects). */
function hasTopologyValues(terms: readonly V1NodeSelectorTerm[], key: string): boolean {
  return terms.some((term) => (term.matchExpressions ?? []).some((expression) => expression.key === key && (expression.values ?? []).length > 0));
}

/** replaceTopology: every expression on oldKey now names newKey (values and operator kept). */
function replaceKey(terms: readonly V1NodeSelectorTerm[], oldKey: string, newKey: string): V1NodeSelectorTerm[] {
  return terms.map((term) => ({
    ...term,
    ...(term.matchExpressions && { matchExpressions: term.matchExpressions.map((expression) => (expression.key === oldKey ? { ...expression, key: newKey } : expression)) }),
  }));
}

/**
 * addTopology: `key In zones` (trimmed, de-duplicated, sorted, empty ones
 * dropped) appended to every term, or as the one term of a PV without any.
 * No zone left: upstream's error, which its caller ignores, so nothing changes.
 */
function addTopology(terms: readonly V1NodeSelectorTerm[], key: string, zones: readonly string[]): V1NodeSelectorTerm[] | undefined {
  const values = [...new Set(zones.map((zone) => zone.trim()).filter((zone) => zone !== ''))].sort();
  if (values.length === 0) return undefined;
  const requirement = { key, operator: 'In', values };
  const base: readonly V1NodeSelectorTerm[] = terms.length === 0 ? [{}] : terms;
  return base.map((term) => ({ ...term, matchExpressions: [...(term.matchExpressions ?? []), requirement] }));
}

/** translateTopologyFromInTreeToCSI: the PV's node affinity as its CSI form reads, for a driver with this zone topology key. */
export function translateTopologyFromInTreeToCsi(volume: V1PersistentVolume, csiTopologyKey: string): V1VolumeNodeAffinity | undefined {
  const { zone, region } = topologyLabels(volume);
  let terms: V1NodeSelectorTerm[] = [...termsOf(volume)];
  let changed = false;
  if (hasTopologyValues(terms, zone)) {
    terms = replaceKey(terms, zone, csiTopologyKey);
    changed = true;
  } else {
    // Nothing in the affinity: the zones come from the PV's zone label.
    const label = volume.metadata?.labels?.[zone];
    if (label !== undefined) {
      const added = addTopology(terms, csiTopologyKey, label.split(LABEL_MULTI_ZONE_DELIMITER));
      if (added !== undefined) {
        terms = added;
        changed = true;
      }
    }
  }
  // A beta region key becomes the GA one, so nodes with only GA labels still match.
  if (region === LABEL_FAILURE_DOMAIN_BETA_REGION && hasTopologyValues(terms, region)) {
    terms = replaceKey(terms, region, LABEL_TOPOLOGY_REGION);
    changed = true;
  }
  if (!changed) return volume.spec?.nodeAffinity;
  return { ...volume.spec?.nodeAffinity, required: { ...volume.spec?.nodeAffinity?.required, nodeSelectorTerms: terms } };
}
