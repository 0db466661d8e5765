/**
 * The commands a person runs to bring a cluster in, shown on the import form:
 * the dump (every kind podplan reads, as the README lists them) and the curl
 * that posts it to this very service (the page's own origin).
 */
export const KUBECTL_DUMP_COMMAND =
  'kubectl get nodes,pods,namespaces,services,replicasets,statefulsets,priorityclasses,poddisruptionbudgets,pv,pvc,storageclasses,csinodes,csidrivers -A -o yaml > cluster.yaml';

export function curlImportCommand(origin: string, name: string): string {
  const query = new URLSearchParams({ name: name.trim() || 'my-cluster' }).toString();
  return `curl -sS -X POST '${origin}/v1/topologies?${query}' -H 'Content-Type: application/yaml' --data-binary @cluster.yaml`;
}
