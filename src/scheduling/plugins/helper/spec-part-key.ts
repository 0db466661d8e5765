/**
 * Text of one part of a pod's spec (tolerations, node selector, an affinity
 * stanza), for the node-static result keys of framework/node-static-results.ts:
 * equal text, equal part. Kept per object, since the replicas of a workload
 * share their spec's parts.
 */
const texts = new WeakMap<object, string>();

export function specPartKey(part: object | null | undefined): string {
  if (part === undefined || part === null) return '';
  let text = texts.get(part);
  if (text === undefined) texts.set(part, (text = JSON.stringify(part)));
  return text;
}
