/** Score-table helpers mirroring upstream st.MakePod().Req(..) / st.MakeNode().Capacity(..) fixtures. */
import type { V1Pod } from '@kubernetes/client-node';
import { makeNode, makePod } from '../../../support/builders.js';

/** upstream test_util.go / resource_allocation_test.go fixtures. */
export const extendedRes = 'abc.com/xyz';
export const defaultResources = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];
export const extendedResourceSet = [...defaultResources, { name: extendedRes, weight: 1 }];

let podCounter = 0;

/** st.MakePod() with one container per request map (st.MakePod().Req(a).Req(b)). */
export function podRequesting(...requests: Record<string, string>[]): V1Pod {
  podCounter++;
  const builder = makePod(`pod-${podCounter}`);
  for (const request of requests) builder.req(request);
  return builder.obj();
}

export function podOn(nodeName: string, ...requests: Record<string, string>[]): V1Pod {
  const pod = podRequesting(...requests);
  pod.spec!.nodeName = nodeName;
  return pod;
}

/** st.MakeNode().Name(name).Capacity(capacity). */
export function nodeWith(name: string, capacity: Record<string, string>) {
  return makeNode(name).capacity(capacity).obj();
}
