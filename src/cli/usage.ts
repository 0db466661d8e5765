/** The help texts, in one place so they read as a whole and stay in step with README "Command line". */
export const MAIN_HELP = `podplan — where Kubernetes replicas would land, and why, before you apply.

Usage:
  podplan simulate -f cluster.json -f deployment.yaml   plan offline, in-process (no server)
  podplan plan -f deployment.yaml --topology prod       plan on a server against a saved topology
  podplan topology import -f dump.json --name prod      save a cluster dump on a server
  podplan topology list                                 list saved topologies
  podplan capacity -f deployment.yaml --topology prod   how many more replicas fit, and what stops the next
  podplan scale-up -f deployment.yaml --topology prod --node-groups groups.yaml
                                                        the fewest nodes to add so everything fits
  podplan zones --topology prod                         what losing each zone does to every workload
  podplan consolidate --topology prod                   which nodes can go, and where their pods land
  podplan migrate --topology prod --from node.kubernetes.io/instance-type=m5.xlarge --node-groups groups.yaml
                                                        the fewest target nodes that take a node pool's pods
  podplan diff PLAN_A PLAN_B                            what changed between two stored plans
  podplan serve | podplan worker                        run the service: the API, or background plan jobs

Run "podplan <command> --help" for a command's flags.

Exit codes: 0 every replica placed, 3 some replica unplaceable, 2 bad input, 1 other errors.
Server commands read --server or PODPLAN_URL, and PODPLAN_TOKEN (sent as a bearer key).
`;

const OUTPUT_FLAG = `  -o, --output FORMAT        table (default, like kubectl get), json or yaml (the REST API's document)\n`;
const KUBECONFIG_FLAGS = `      --kubeconfig PATH      read the cluster through its API (paged LIST of every kind podplan uses;
                             tokens, client certificates, exec plugins, proxy-url, CA bundles)
      --context NAME         the kubeconfig context (default: its current-context)
      --namespace-selector S keep namespaced objects only in namespaces matching the label selector S
                             (e.g. kubernetes.io/metadata.name in (shop,payments)); nodes are all kept
`;
const SERVER_FLAG = `      --server URL           the podplan server (default: $PODPLAN_URL); the key is read from $PODPLAN_TOKEN\n`;
const VALIDATE_FLAG = `      --validate MODE        unknown fields in the objects: strict (default, an error with the field's
                             path and a "did you mean"), warn (printed as warnings) or ignore
`;
const PLACEMENT_FLAGS = `${VALIDATE_FLAG}      --scheduler-config FILE a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) or a bare profile
      --scenario FILE        cluster edits applied first (addNodes, removeNodes, cordon, taint, label,
                             removePods, scale, removeSchedulingGates), a YAML/JSON list
                             (repeatable, applied in order)
      --rollout              workloads that already run in the cluster: plan a new revision that
                             replaces their pods as their update strategy says (RollingUpdate with
                             maxSurge/maxUnavailable, Recreate, StatefulSet ordinals); without it only
                             their replicas that do not run yet are planned
      --mode MODE            exhaustive (default: every node scored, ties to the lowest name) or faithful
                             (kube-scheduler's sampling and seeded tie-breaking)
      --seed N               the seed of faithful mode
      --explain REPLICA      print one replica's verdict on every node: a pod name, NAMESPACE/POD,
                             or WORKLOAD/N (e.g. web/0)
      --kubernetes-version V the kube-scheduler release to plan as (v1.32 … v1.35; default: the
                             cluster's own release when the input records it, else the newest)
      --feature-gates LIST   feature gates of that release, as kube-scheduler takes them:
                             Name=true,Other=false
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
${KUBECONFIG_FLAGS.replace('read the cluster through its API', 'the cluster read through its API, beside any files')}${PLACEMENT_FLAGS}${OUTPUT_FLAG}`;

export const PLAN_HELP = `Usage: podplan plan -f FILE [-f FILE ...] --topology NAME|ID [flags]
       podplan plan --plan ID [--explain REPLICA] [flags]

Stores a plan of the workloads in FILE (Deployments, ReplicaSets, StatefulSets, Pods) against a
topology saved on the server, and prints it. With --plan, prints a stored plan again (or, with
--explain, one replica's verdict on every node) and stores nothing.

Flags:
      --plan ID              a stored plan to print or explain, instead of planning again
  -f, --filename FILE        workloads: YAML or JSON files, directories, or - for stdin (repeatable)
      --topology NAME|ID     the saved topology
      --revision N           a past revision of it (default: the latest)
      --name NAME            a name for the stored plan
${PLACEMENT_FLAGS}${SERVER_FLAG}${OUTPUT_FLAG}`;

export const TOPOLOGY_HELP = `Usage: podplan topology import|list [flags]

  import -f FILE --name NAME   save a cluster dump; a changed import under the same name adds a revision
  list                         list saved topologies
`;


export const TOPOLOGY_IMPORT_HELP = `Usage: podplan topology import (-f FILE [-f FILE ...] | --kubeconfig PATH) --name NAME [flags]

Saves the cluster objects in FILE (e.g. kubectl get nodes,pods -A -o json, or a cluster-info dump),
or read from a cluster with --kubeconfig, as topology NAME. When a topology of that name exists,
the import becomes its next revision, unless nothing scheduling reads changed: then no revision
is stored and the import says so.

Flags:
  -f, --filename FILE        YAML or JSON files, directories, or - for stdin (repeatable)
${KUBECONFIG_FLAGS}      --name NAME            the topology's name
${VALIDATE_FLAG}${SERVER_FLAG}${OUTPUT_FLAG}`;

export const TOPOLOGY_LIST_HELP = `Usage: podplan topology list [flags]

Flags:
${SERVER_FLAG}${OUTPUT_FLAG}`;

const ANALYSIS_FLAGS = `  -f, --filename FILE        workloads: YAML or JSON files, directories, or - for stdin (repeatable)
      --topology NAME|ID     the cluster: a saved topology (--revision N for a past one) ...
      --cluster-file FILE    ... or cluster objects sent with the request (repeatable)
      --scheduler-config FILE a KubeSchedulerConfiguration or a bare profile
      --scenario FILE        cluster edits applied first, a YAML/JSON list (repeatable)
${VALIDATE_FLAG}`;

export const CAPACITY_HELP = `Usage: podplan capacity -f FILE (--topology NAME|ID | --cluster-file FILE) [flags]

How many more replicas of each workload fit, where, and what stops the next one
(POST /v1/analyses/capacity), how many of the replicas each asks for (spec.replicas) fit, and
the changes that would let one more fit. Exits 3 when a workload has no room for even one more,
or fewer of its requested replicas fit than it asks for.

Flags:
${ANALYSIS_FLAGS}      --mode MODE            each (default: every workload alone) or joint (all together, in turn)
      --max-replicas N       stop counting at N (server default 1000)
${SERVER_FLAG}${OUTPUT_FLAG}`;

export const SCALE_UP_HELP = `Usage: podplan scale-up -f FILE (--topology NAME|ID | --cluster-file FILE) --node-groups FILE [flags]

The fewest (then cheapest) nodes to add so every replica is placed (POST /v1/analyses/scale-up).
--node-groups is a YAML/JSON list of { name, template: <Node>, zones, maxCount, price }.
Exits 3 when no allowed addition places everything.

Flags:
${ANALYSIS_FLAGS}      --node-groups FILE     the node groups that may grow
${SERVER_FLAG}${OUTPUT_FLAG}`;

export const ZONES_HELP = `Usage: podplan zones (--topology NAME|ID | --cluster-file FILE) [-f FILE] [flags]

What losing each zone (or each value of --topology-key) does to every workload: replicas lost,
rescheduled, left unplaceable (POST /v1/analyses/failure-domains). Without -f, the workloads
owning pods in the cluster are studied; with -f, those workloads are placed first.
Exits 3 when some workload does not fully recover from losing some domain.

Flags:
${ANALYSIS_FLAGS}      --topology-key KEY     the failure domain label (default topology.kubernetes.io/zone)
${SERVER_FLAG}${OUTPUT_FLAG}`;

export const CONSOLIDATE_HELP = `Usage: podplan consolidate (--topology NAME|ID | --cluster-file FILE) [flags]

Which nodes can be removed and everything still run (POST /v1/analyses/consolidation): in drain
order, where each evicted pod lands under the default profile, and why each kept node stays (the
pod with nowhere else to go and its FailedScheduling text, or the Cluster Autoscaler drainability
rule that keeps it). The answer is verified by replaying it.

Flags:
${ANALYSIS_FLAGS.replace(/^.*--filename.*\n/, '')}      --candidates SELECTOR  only nodes matching the label selector may go (default: every node)
      --keep-per-zone N      keep at least N nodes in every zone
      --ignore RULE          switch a rule off: replicated, system, not-safe-to-evict, local-storage,
                             pdb (repeatable)
      --objective OBJ        nodes (default: remove the most nodes) or price (save the most; needs
                             --node-groups with prices)
      --node-groups FILE     node groups with prices, a YAML/JSON list of { name, template, price }
      --time-budget MS       how long the search may look for a better answer (server default 10000)
${SERVER_FLAG}${OUTPUT_FLAG}`;

export const MIGRATE_HELP = `Usage: podplan migrate (--topology NAME|ID | --cluster-file FILE) --from SELECTOR --node-groups FILE [flags]

What moving the pods of the nodes --from selects onto other node groups needs (POST
/v1/analyses/migration): the fewest (with prices, the cheapest) new nodes per zone that take
every pod under the default profile, where each pod lands, the pods that cannot move and why,
and the cost before and after. Exits 3 when some pod cannot move.

Flags:
${ANALYSIS_FLAGS.replace(/^.*--filename.*\n/, '')}      --from SELECTOR        the nodes to empty (e.g. node.kubernetes.io/instance-type=m5.xlarge)
      --node-groups FILE     the target groups, a YAML/JSON list of { name, template, zones, maxCount, price }
      --keep-old             the old nodes stay, cordoned, while the pods move (still topology domains)
      --from-price P         the price of one old node, when no node group describes the old pool
      --time-budget MS       how long the search may drop nodes to find a smaller answer
${SERVER_FLAG}${OUTPUT_FLAG}`;

export const SERVE_HELP = `Usage: podplan serve

Runs the podplan service (REST /v1, GraphQL /graphql, docs /docs) on HOST:PORT, configured from
the environment as "npm start" (README "Configuration"). With DATABASE_URL the process serves the
API only and plan jobs go to "podplan worker" processes (PODPLAN_ROLE=all: this one takes jobs
too); with the embedded store (a PostgreSQL this process runs) it takes the jobs itself.
`;

export const WORKER_HELP = `Usage: podplan worker

Takes background plan jobs from the queue on DATABASE_URL (required), PLAN_JOB_CONCURRENCY at a
time, with /healthz and /readyz on HOST:PORT for probes.
`;

export const DIFF_HELP = `Usage: podplan diff PLAN_A PLAN_B [flags]

What changed from plan A to plan B (GET /v1/plans/{a}/diff/{b}): replicas that moved, found a
node, or lost theirs. Exits 3 when a replica placed in A is unplaceable in B, and 2 when the plans
share no workload (there is nothing to compare).

Flags:
${SERVER_FLAG}${OUTPUT_FLAG}`;
