/** Metadata reduced to what scheduling reads; shared by every kind's stripping (object-stripping.ts, storage-stripping.ts). */
import type { DroppedFields } from './dropped-fields.js';
import type { JsonObject } from './json-object.js';

/**
 * Metadata a default-profile plugin reads: identity, labels and owners
 * (selectors, default spreading), creationTimestamp (preemption's victim
 * order) and deletionTimestamp: PodTopologySpread does not count pods being
 * deleted (podtopologyspread/common.go countPodsMatchSelector,
 * kubernetes#87621), while NodeResourcesFit still counts what they hold.
 */
const METADATA_FIELDS = ['name', 'namespace', 'uid', 'labels', 'ownerReferences', 'creationTimestamp', 'deletionTimestamp'];
const OWNER_REFERENCE_FIELDS = ['apiVersion', 'kind', 'name', 'uid', 'controller'];

export function stripMetadata(metadata: unknown, dropped: DroppedFields, prefix = 'metadata'): JsonObject {
  const kept = dropped.pick(metadata, METADATA_FIELDS, prefix);
  if (Array.isArray(kept.ownerReferences)) {
    kept.ownerReferences = kept.ownerReferences.map((reference) => dropped.pick(reference, OWNER_REFERENCE_FIELDS, `${prefix}.ownerReferences`));
  }
  return kept;
}
