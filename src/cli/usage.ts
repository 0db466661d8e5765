/** The help texts, in one place so they read as a whole and stay in step with README "Command line". */
export const MAIN_HELP = `podplan — where Kubernetes replicas would land, and why, before you apply.

Usage:
  podplan simulate -f cluster.json -f deployment.yaml   plan offline, in-process (no server)
  podplan plan -f deployment.yaml --topology prod       plan on a server against a saved topology
  podplan topology import -f dump.json --name prod      save a cluster dump on a server
  podplan topology list                                 list saved topologies

Run "podplan <command> --help" for a command's flags.

Exit codes: 0 every replica placed, 3 some replica unplaceable, 2 bad input, 1 other errors.
Server commands read --server or PODPLAN_URL, and PODPLAN_TOKEN (sent as a bearer key).
`;

const OUTPUT_FLAG = `  -o, --output FORMAT        table (default, like kubectl get), json or yaml (the REST API's document)\n`;
const SERVER_FLAG = `      --server URL           the podplan server (default: $PODPLAN_URL); the key is read from $PODPLAN_TOKEN\n`;
const PLACEMENT_FLAGS = `      --scheduler-config FILE a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) or a bare profile
      --mode MODE            exhaustive (default: every node scored, ties to the lowest name) or faithful
                             (kube-scheduler's sampling and seeded tie-breaking)
      --seed N               the seed of faithful mode
      --explain REPLICA      print one replica's verdict on every node: a pod name, NAMESPACE/POD,
                             or WORKLOAD/N (e.g. web/0)
`;

export const SIMULATE_HELP = `Usage: podplan simulate -f FILE [-f FILE ...] [flags]

Places workloads on a cluster offline — the same engine and result as POST /v1/simulations.
FILE is a YAML or JSON file (one or many documents, kind: List too), a directory (its .yaml,
.yml and .json files) or - for stdin. Objects from -f are told apart by whether they already run:
  cluster    Nodes, Namespaces, Services, PriorityClasses, PodDisruptionBudgets, Pods with
             spec.nodeName, and Deployments/ReplicaSets/StatefulSets that own pods in the input
  workloads  Deployments, ReplicaSets and StatefulSets without pods in the input, and Pods
             without spec.nodeName; placed in input order, replica by replica

Flags:
  -f, --filename FILE        cluster objects and workloads, mixed (repeatable)
      --cluster-file FILE    every object is cluster state (repeatable)
      --workloads-file FILE  every object is a workload to place (repeatable)
${PLACEMENT_FLAGS}${OUTPUT_FLAG}`;

export const PLAN_HELP = `Usage: podplan plan -f FILE [-f FILE ...] --topology NAME|ID [flags]

Stores a plan of the workloads in FILE (Deployments, ReplicaSets, StatefulSets, Pods) against a
topology saved on the server, and prints it.

Flags:
  -f, --filename FILE        workloads: YAML or JSON files, directories, or - for stdin (repeatable)
      --topology NAME|ID     the saved topology
      --revision N           a past revision of it (default: the latest)
      --name NAME            a name for the stored plan
${PLACEMENT_FLAGS}${SERVER_FLAG}${OUTPUT_FLAG}`;

export const TOPOLOGY_HELP = `Usage: podplan topology import|list [flags]

  import -f FILE --name NAME   save a cluster dump; a second import under the same name adds a revision
  list                         list saved topologies
`;

export const TOPOLOGY_IMPORT_HELP = `Usage: podplan topology import -f FILE [-f FILE ...] --name NAME [flags]

Saves the cluster objects in FILE (e.g. kubectl get nodes,pods -A -o json, or a cluster-info dump)
as topology NAME. When a topology of that name exists, the import becomes its next revision.

Flags:
  -f, --filename FILE        YAML or JSON files, directories, or - for stdin (repeatable)
      --name NAME            the topology's name
${SERVER_FLAG}${OUTPUT_FLAG}`;

export const TOPOLOGY_LIST_HELP = `Usage: podplan topology list [flags]

Flags:
${SERVER_FLAG}${OUTPUT_FLAG}`;
