/**
 * The what-if analyses' answers (api-contract.md "What-if analyses"; the
 * types of what-if/analysis-types.ts, consolidation-result.ts,
 * migration-result.ts, config-comparison.ts and plan-diff.ts) as the OpenAPI
 * document declares them. Every field is named (closed objects), so the
 * response-schema test (test/e2e/openapi-responses.test.ts) fails when an
 * answer grows a field the document does not describe. Registered under
 * components.schemas by openapi-document.ts.
 */
import type { SchemaObject } from '@nestjs/swagger';
import { arrayOf, closedObject, countsByName, nullable, schemaRef, type Schema } from '../../common/openapi/schema-objects.js';

const integer = (description?: string): SchemaObject => ({ type: 'integer', ...(description === undefined ? {} : { description }) });
const number = (description?: string): SchemaObject => ({ type: 'number', ...(description === undefined ? {} : { description }) });
const string = (description?: string): SchemaObject => ({ type: 'string', ...(description === undefined ? {} : { description }) });
const workload = schemaRef('WorkloadRef');

/** The kinds of analysis, as stored analyses name them (what-if/run-analysis.ts AnalysisKind). */
const ANALYSIS_KINDS = ['capacity', 'scale-up', 'failure-domains', 'fit-suggestions', 'compare-configs', 'consolidation', 'migration'] as const;
type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

/** An analysis run on a saved topology is stored: its answer starts with these (analysis-rest.mapper.ts). */
const identityFields = {
  id: { type: 'string', format: 'uuid', description: 'set when the analysis ran on a saved topology and was stored' },
  kind: { type: 'string', enum: [...ANALYSIS_KINDS] },
  topologyId: { type: 'string', format: 'uuid' },
  revision: integer('the topology revision it ran on'),
  createdAt: { type: 'string', format: 'date-time' },
} satisfies Record<string, SchemaObject>;
const IDENTITY_FIELDS = Object.keys(identityFields);

const warnings = arrayOf(closedObject({ path: string('where in the request'), message: string() }, ['path', 'message']), 'what the request did that was ignored or skipped');
const summary = closedObject({ replicas: integer(), scheduled: integer(), unschedulable: integer() }, ['replicas', 'scheduled', 'unschedulable']);
const stoppedBy = { type: 'string', enum: ['time', 'work', null], nullable: true, description: 'what ended the search early; null when it tried everything' } satisfies SchemaObject;
const utilisationStats = closedObject({ mean: number(), min: number(), max: number(), stddev: number('population standard deviation: the imbalance') }, ['mean', 'min', 'max', 'stddev']);

/** An analysis answer: its own fields, plus the optional stored-analysis identity and the scenario/warnings every analysis may carry. */
function analysisAnswer(properties: Record<string, Schema>, required: readonly string[], description: string): SchemaObject {
  return closedObject({ ...identityFields, ...properties }, required, description);
}

const suggestedChange = (kind: string, properties: Record<string, Schema>, required: readonly string[], description: string): SchemaObject =>
  closedObject({ kind: { type: 'string', enum: [kind] }, ...properties }, ['kind', ...required], description);

export const ANALYSIS_RESULT_SCHEMAS: Record<string, SchemaObject> = {
  SuggestedChange: {
    description: 'One relaxation of a rule that blocks a replica; `kind` says which fields are set',
    oneOf: [
      suggestedChange('tolerateTaint', { taint: closedObject({ key: string(), value: string(), effect: string() }, ['key', 'effect']) }, ['taint'], 'add a toleration of taint'),
      suggestedChange('dropAffinityTerm', { path: string() }, ['path'], 'drop the required (anti-)affinity term or nodeSelector at path'),
      suggestedChange('dropSpreadConstraint', { path: string(), topologyKey: string() }, ['path', 'topologyKey'], 'drop the DoNotSchedule spread constraint at path'),
      suggestedChange('lowerRequest', { resource: string(), from: string('a quantity'), to: string('a quantity') }, ['resource', 'from', 'to'], 'lower a request'),
      suggestedChange('removeSchedulingGates', { gates: arrayOf(string()) }, ['gates'], "lift the pod's scheduling gates"),
      suggestedChange('waitForFirstConsumer', { storageClass: string() }, ['storageClass'], 'bind the StorageClass WaitForFirstConsumer instead of Immediate'),
      suggestedChange('allowTopology', { storageClass: string(), topologyKey: string(), value: string() }, ['storageClass', 'topologyKey', 'value'], "let the StorageClass's allowedTopologies admit value"),
      suggestedChange(
        'addNode',
        { zone: nullable('string'), like: string('the existing node copied'), nodeGroup: string('the node group whose template is used') },
        ['zone'],
        "one empty node: from a node group's template, or a copy of the zone's first node",
      ),
    ],
  },
  Suggestion: closedObject(
    { change: schemaRef('SuggestedChange'), feasibleNodes: integer('nodes that pass every filter once this change is made'), node: string('the node the scheduler would then pick') },
    ['change', 'feasibleNodes', 'node'],
    'a change verified by scheduling the changed pod again',
  ),
  ScenarioSummary: closedObject(
    { original: schemaRef('ClusterSummary'), edited: schemaRef('ClusterSummary'), edits: integer('edits applied') },
    ['original', 'edited', 'edits'],
    'the cluster before and after the request\'s scenario edits',
  ),
  ClusterSummary: closedObject(
    { nodes: integer(), pods: integer(), pendingPods: integer(), unschedulableNodes: integer(), zones: arrayOf(string()) },
    ['nodes', 'pods', 'pendingPods', 'unschedulableNodes', 'zones'],
  ),
  NodeGroupAddition: closedObject(
    { nodeGroup: string(), zone: nullable('string'), count: integer(), nodes: arrayOf(string(), 'names of the added nodes') },
    ['nodeGroup', 'zone', 'count', 'nodes'],
  ),

  WorkloadCapacity: closedObject(
    {
      workload,
      additionalReplicas: integer("the most of this workload's pods that can be placed, from the cluster as given"),
      limitedBy: { ...nullable('string'), description: 'FailedScheduling text of the first replica that did not fit; null when maxReplicas was reached first' },
      reachedMaxReplicas: { type: 'boolean' },
      requestedReplicas: integer('the replicas the workload itself asks for (spec.replicas, 1 when unset)'),
      requestedReplicasFit: integer('how many of those fit'),
      byNode: countsByName('replicas per node'),
      byZone: countsByName('replicas per zone'),
      suggestions: arrayOf(schemaRef('Suggestion'), 'what would let one more replica fit'),
    },
    ['workload', 'additionalReplicas', 'limitedBy', 'reachedMaxReplicas', 'requestedReplicas', 'requestedReplicasFit', 'byNode', 'byZone', 'suggestions'],
  ),
  CapacityResult: analysisAnswer(
    {
      kubernetesVersion: string('the kube-scheduler release emulated'),
      mode: { type: 'string', enum: ['each', 'joint'] },
      maxReplicas: integer(),
      workloads: arrayOf(schemaRef('WorkloadCapacity')),
      scenario: schemaRef('ScenarioSummary'),
      warnings,
    },
    ['kubernetesVersion', 'mode', 'maxReplicas', 'workloads', 'warnings'],
    'how many more replicas of each workload fit',
  ),

  ScaleUpFeasible: analysisAnswer(
    {
      feasible: { type: 'boolean', enum: [true] },
      kubernetesVersion: string(),
      added: arrayOf(schemaRef('NodeGroupAddition')),
      totalNodes: integer(),
      totalPrice: { ...nullable('number'), description: 'null unless every group has a price' },
      evaluatedPlans: integer('scheduling runs the search made'),
      plan: schemaRef('SimulationResult'),
    },
    ['feasible', 'kubernetesVersion', 'added', 'totalNodes', 'totalPrice', 'evaluatedPlans', 'plan'],
    'the cheapest nodes to add, and the plan on the enlarged cluster',
  ),
  ScaleUpInfeasible: analysisAnswer(
    { feasible: { type: 'boolean', enum: [false] }, kubernetesVersion: string(), reason: string('why no number of nodes from the groups helps'), evaluatedPlans: integer(), warnings },
    ['feasible', 'kubernetesVersion', 'reason', 'evaluatedPlans', 'warnings'],
    'no nodes from the given groups let every replica fit',
  ),
  ScaleUpResult: { oneOf: [schemaRef('ScaleUpFeasible'), schemaRef('ScaleUpInfeasible')], description: 'feasible: the nodes to add; or why none help' },

  DomainImpact: closedObject(
    {
      domain: string('the topology key\'s value'),
      nodes: integer('nodes lost with it'),
      workloads: arrayOf(
        closedObject(
          {
            workload,
            lost: integer('replicas on the lost nodes'),
            rescheduled: integer('of those, placed again on the survivors'),
            unplaceable: integer(),
            messages: arrayOf(string(), 'distinct FailedScheduling texts of the replicas that found no survivor'),
            volumes: arrayOf(string(), 'what ties those replicas\' claims down'),
          },
          ['workload', 'lost', 'rescheduled', 'unplaceable', 'messages'],
        ),
      ),
      devices: arrayOf(closedObject({ driver: string(), lost: integer(), inUse: integer() }, ['driver', 'lost', 'inUse']), 'DRA devices the domain\'s nodes publish, per driver'),
    },
    ['domain', 'nodes', 'workloads', 'devices'],
  ),
  FailureDomainsResult: analysisAnswer(
    {
      kubernetesVersion: string(),
      topologyKey: string(),
      domains: arrayOf(schemaRef('DomainImpact')),
      verdicts: arrayOf(
        closedObject(
          { workload, fullyRecovers: { type: 'boolean' }, worstDomain: { ...nullable('string'), description: 'the domain whose loss hurts most; null when no domain holds a replica' }, verdict: string() },
          ['workload', 'fullyRecovers', 'worstDomain', 'verdict'],
        ),
      ),
      nodesWithoutKey: integer('nodes without the topology key: never lost'),
      nodeBound: arrayOf(closedObject({ workload, pods: integer() }, ['workload', 'pods']), 'DaemonSets and mirror pods: they go with their nodes, never judged'),
      scenario: schemaRef('ScenarioSummary'),
      warnings,
    },
    ['kubernetesVersion', 'topologyKey', 'domains', 'verdicts', 'nodesWithoutKey', 'nodeBound', 'warnings'],
    'what each workload loses with each domain, and whether it recovers',
  ),

  FitSuggestionsResult: analysisAnswer(
    {
      kubernetesVersion: string(),
      summary,
      unplaceable: arrayOf(
        closedObject(
          { workload, replica: integer(), pod: string(), namespace: string(), message: string("kube-scheduler's FailedScheduling text"), suggestions: arrayOf(schemaRef('Suggestion')) },
          ['workload', 'replica', 'pod', 'namespace', 'message'],
        ),
      ),
      scenario: schemaRef('ScenarioSummary'),
      warnings,
    },
    ['kubernetesVersion', 'summary', 'unplaceable', 'warnings'],
    'verified changes that would let each unplaceable replica fit',
  ),

  PlanDiff: closedObject(
    {
      moved: arrayOf(
        closedObject(
          { workload, replica: integer(), pod: string(), from: string(), to: string(), fromZone: nullable('string'), toZone: nullable('string') },
          ['workload', 'replica', 'pod', 'from', 'to', 'fromZone', 'toZone'],
        ),
      ),
      newlyPlaced: arrayOf(closedObject({ workload, replica: integer(), pod: string(), node: string() }, ['workload', 'replica', 'pod', 'node'])),
      newlyUnplaceable: arrayOf(
        closedObject({ workload, replica: integer(), pod: string(), was: string('the node the first plan had it on'), message: string() }, ['workload', 'replica', 'pod', 'was', 'message']),
      ),
      scoreChanges: arrayOf(
        closedObject(
          { workload, replica: integer(), pod: string(), node: string(), plugin: string(), from: number('weighted score in the first plan'), to: number() },
          ['workload', 'replica', 'pod', 'node', 'plugin', 'from', 'to'],
        ),
      ),
      unchanged: integer(),
      onlyInFirst: integer('replicas only the first plan has'),
      onlyInSecond: integer(),
      sharedWorkloads: integer('workloads both plans place: 0 means nothing to compare'),
    },
    ['moved', 'newlyPlaced', 'newlyUnplaceable', 'scoreChanges', 'unchanged', 'onlyInFirst', 'onlyInSecond', 'sharedWorkloads'],
    'what changed between two plans, replicas matched by workload and index',
  ),
  CompareConfigsResult: analysisAnswer(
    {
      configs: arrayOf(
        closedObject(
          {
            name: string(),
            kubernetesVersion: string(),
            summary,
            utilisation: closedObject(
              {
                cpu: utilisationStats,
                memory: utilisationStats,
                nodesInUse: integer(),
                nodes: arrayOf(closedObject({ node: string(), cpu: number('0–1'), memory: number('0–1'), pods: integer() }, ['node', 'cpu', 'memory', 'pods']), 'nodes that received a replica'),
              },
              ['cpu', 'memory', 'nodesInUse', 'nodes'],
            ),
            diffFromFirst: schemaRef('PlanDiff'),
          },
          ['name', 'kubernetesVersion', 'summary', 'utilisation'],
        ),
      ),
    },
    ['configs'],
    'the same workloads planned under each configuration',
  ),

  ClusterFootprint: closedObject(
    { nodes: integer(), pods: integer(), cpu: utilisationStats, memory: utilisationStats, price: { ...nullable('number'), description: 'null unless every node has a price' } },
    ['nodes', 'pods', 'cpu', 'memory', 'price'],
  ),
  ConsolidationResult: analysisAnswer(
    {
      kubernetesVersion: string(),
      objective: { type: 'string', enum: ['nodes', 'price'] },
      removable: arrayOf(
        closedObject(
          {
            node: string(),
            order: integer('1 = drained first'),
            zone: nullable('string'),
            nodeGroup: nullable('string'),
            price: nullable('number'),
            utilisation: number('max(cpu, memory) requested / allocatable before'),
            evicted: arrayOf(closedObject({ pod: string(), namespace: string(), to: string() }, ['pod', 'namespace', 'to'])),
            goneWithNode: arrayOf(string(), 'DaemonSet, mirror and long-terminating pods'),
          },
          ['node', 'order', 'zone', 'nodeGroup', 'price', 'utilisation', 'evicted', 'goneWithNode'],
        ),
      ),
      kept: arrayOf(
        closedObject(
          {
            node: string(),
            reason: string(),
            because: {
              type: 'string',
              enum: ['NotReplicated', 'UnmovableKubeSystemPod', 'NotSafeToEvictAnnotation', 'LocalStorageRequested', 'NotEnoughPdb', 'FailedScheduling', 'KeepPerZone', 'NotTried', 'Exchanged'],
            },
            rule: { type: 'string', nullable: true, enum: ['mirror', 'longterminating', 'daemonset', 'safetoevict', 'terminal', 'replicated', 'system', 'notsafetoevict', 'localstorage', 'pdb', null] },
            pod: nullable('string'),
            message: nullable('string'),
          },
          ['node', 'reason', 'because', 'rule', 'pod', 'message'],
        ),
      ),
      before: schemaRef('ClusterFootprint'),
      after: schemaRef('ClusterFootprint'),
      savings: { ...nullable('number'), description: 'price of the removable nodes; null without prices for every one' },
      pdbDisruptions: arrayOf(closedObject({ namespace: string(), name: string(), allowed: integer(), used: integer() }, ['namespace', 'name', 'allowed', 'used'])),
      verified: { type: 'boolean', enum: [true], description: 'the answer was replayed and placed every pod' },
      search: closedObject({ evaluatedPlans: integer(), triedNodes: integer(), improvements: integer(), stoppedBy }, ['evaluatedPlans', 'triedNodes', 'improvements', 'stoppedBy']),
      scenario: schemaRef('ScenarioSummary'),
      warnings,
    },
    ['kubernetesVersion', 'objective', 'removable', 'kept', 'before', 'after', 'savings', 'pdbDisruptions', 'verified', 'search', 'warnings'],
    'nodes that can be removed with every pod placed again',
  ),

  MigrationResult: analysisAnswer(
    {
      kubernetesVersion: string(),
      feasible: { type: 'boolean', description: 'every pod of the emptied nodes moved' },
      fromNodes: arrayOf(string(), 'the nodes `from` selected'),
      keepOld: { type: 'boolean' },
      added: arrayOf(schemaRef('NodeGroupAddition')),
      totalNodes: integer(),
      totalPrice: nullable('number'),
      placements: arrayOf(closedObject({ pod: string(), namespace: string(), from: string(), to: string() }, ['pod', 'namespace', 'from', 'to'])),
      unmovable: arrayOf(closedObject({ pod: string(), namespace: string(), from: string(), message: string() }, ['pod', 'namespace', 'from', 'message'])),
      goneWithNodes: integer('DaemonSet and mirror pods of the emptied nodes'),
      cost: closedObject({ before: nullable('number'), after: nullable('number') }, ['before', 'after']),
      evaluatedPlans: integer(),
      stoppedBy,
      plan: schemaRef('SimulationResult'),
      scenario: schemaRef('ScenarioSummary'),
      warnings,
    },
    ['kubernetesVersion', 'feasible', 'fromNodes', 'keepOld', 'added', 'totalNodes', 'totalPrice', 'placements', 'unmovable', 'goneWithNodes', 'cost', 'evaluatedPlans', 'stoppedBy', 'plan', 'warnings'],
    "the node groups that take the emptied nodes' pods",
  ),

  AnalysisItem: closedObject(identityFields, IDENTITY_FIELDS, 'a stored analysis, without its request and answer'),
  AnalysisList: closedObject({ items: arrayOf(schemaRef('AnalysisItem')), nextCursor: nullable('string') }, ['items', 'nextCursor']),
};

/** Each kind's answer schema; a stored analysis is the answer with its identity and request. */
const RESULT_OF_KIND: Record<AnalysisKind, readonly string[]> = {
  capacity: ['CapacityResult'],
  'scale-up': ['ScaleUpFeasible', 'ScaleUpInfeasible'],
  'failure-domains': ['FailureDomainsResult'],
  'fit-suggestions': ['FitSuggestionsResult'],
  'compare-configs': ['CompareConfigsResult'],
  consolidation: ['ConsolidationResult'],
  migration: ['MigrationResult'],
};

function storedAnalysis(kind: AnalysisKind, resultName: string): SchemaObject {
  const result = ANALYSIS_RESULT_SCHEMAS[resultName];
  return closedObject(
    { ...result.properties, kind: { type: 'string', enum: [kind] }, request: { type: 'object', additionalProperties: true, description: 'the request as validated (the cluster is the revision)' } },
    [...new Set([...IDENTITY_FIELDS, 'request', ...(result.required ?? [])])],
  );
}

const storedNames: string[] = [];
for (const [kind, names] of Object.entries(RESULT_OF_KIND)) {
  for (const name of names) {
    ANALYSIS_RESULT_SCHEMAS[`Stored${name}`] = storedAnalysis(kind as AnalysisKind, name);
    storedNames.push(`Stored${name}`);
  }
}
ANALYSIS_RESULT_SCHEMAS.StoredAnalysis = {
  description: 'an analysis stored when it ran on a saved topology: its identity, its request and its answer (by kind)',
  oneOf: storedNames.map(schemaRef),
};

/** A reference to one of them, for ApiOkResponse({ schema }). */
export const analysisResultSchema = (name: keyof typeof ANALYSIS_RESULT_SCHEMAS & string) => schemaRef(name);
