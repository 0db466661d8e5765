/**
 * What `--explain` names: a pod (`web-7d4b9c-x2x9k`, or `team-a/web-7d4b9c-x2x9k`
 * when pod names repeat across namespaces), or a workload's replica by
 * position (`web/0`), handy before the pod names are known.
 */
import { badInput } from './cli-error.js';

interface SelectablePlacement {
  readonly workload: { readonly name: string; readonly namespace: string };
  readonly replica: number;
  readonly pod: string;
  readonly namespace: string;
}

function matches(placement: SelectablePlacement, selector: string): boolean {
  const slash = selector.indexOf('/');
  if (slash === -1) return placement.pod === selector;
  const [first, second] = [selector.slice(0, slash), selector.slice(slash + 1)];
  if (/^\d+$/.test(second)) return placement.workload.name === first && placement.replica === Number(second);
  return placement.namespace === first && placement.pod === second;
}

/** The position of the one placement `selector` names. */
export function selectReplica(placements: readonly SelectablePlacement[], selector: string): number {
  const found = placements.flatMap((placement, index) => (matches(placement, selector) ? [index] : []));
  if (found.length === 0) {
    throw badInput(`--explain ${selector}: no replica of this plan is called that (give a pod name, NAMESPACE/POD, or WORKLOAD/REPLICA such as web/0)`);
  }
  if (found.length > 1) {
    const candidates = found.map((index) => `${placements[index].namespace}/${placements[index].pod}`).join(', ');
    throw badInput(`--explain ${selector}: names ${found.length} replicas (${candidates}); give NAMESPACE/POD`);
  }
  return found[0];
}
