/**
 * `npm run build && node dist/bench/analyses.js`: times each what-if
 * analysis on a scheduler_perf-shaped synthetic cluster (default 5,000 nodes
 * over 3 zones, 10,000 existing pods), running the same pure code the REST
 * and GraphQL routes run (minus HTTP and the database). Prints one line per
 * analysis and writes bench/results/analyses-latest.json.
 *
 * Settings (environment): BENCH_NODES (5000), BENCH_EXISTING_PODS (10000).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { computeCapacity } from '../src/what-if/capacity.js';
import { withReplicas } from '../src/what-if/capacity-workloads.js';
import { analyzeFailureDomains, workloadsInCluster } from '../src/what-if/failure-domains.js';
import { diffPlans } from '../src/what-if/plan-diff.js';
import { withSuggestions } from '../src/what-if/placement-suggestions.js';
import { searchScaleUp } from '../src/what-if/scale-up.js';
import { addNodeWithDaemonSetsOf } from '../src/what-if/daemon-set-overhead.js';
import { clusterUtilisation } from '../src/what-if/utilisation.js';
import { ClusterState } from '../src/scheduling/model/cluster-state.js';
import { Planner } from '../src/scheduling/planner/planner.js';
import { executeSimulation, prepareSimulation } from '../src/simulation/run-simulation.js';
import { compileNodeTemplate } from '../src/simulation/scenario/node-template.js';
import { deployment, syntheticCluster } from './synthetic-cluster.js';

interface AnalysisRow {
  readonly analysis: string;
  readonly detail: string;
  readonly seconds: number;
}

function numberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  return value === undefined ? fallback : Number(value);
}

const nodes = numberFromEnv('BENCH_NODES', 5000);
const existingPods = numberFromEnv('BENCH_EXISTING_PODS', 10_000);
const objects = syntheticCluster({ nodes, existingPods });
const cluster = ClusterState.fromObjects(objects);
const ZONE = 'topology.kubernetes.io/zone';
const zoneExclusive = (name: string, replicas: number) =>
  deployment(name, replicas, { app: name }, {
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector: { matchLabels: { app: name } } }] } },
  });
const spreadOverZones = (name: string, replicas: number) =>
  deployment(name, replicas, { app: name }, {
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: name } } }],
  });
const prepare = (workloads: unknown[], schedulerConfig?: Record<string, unknown>) => prepareSimulation(cluster, workloads, schedulerConfig, objects);

function time<T>(run: () => T): { value: T; seconds: number } {
  const started = process.hrtime.bigint();
  const value = run();
  return { value, seconds: Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(3)) };
}

const rows: AnalysisRow[] = [];
function record(analysis: string, detail: string, seconds: number): void {
  rows.push({ analysis, detail, seconds });
  console.log(`${analysis.padEnd(28)} ${String(seconds).padStart(8)} s  ${detail}`);
}

console.log(`podplan analyses bench: ${nodes} nodes, ${objects.pods.length} existing pods, ${cpus().length} cores, Node ${process.version}`);

{
  const maxReplicas = 1000;
  const prepared = prepare([withReplicas(spreadOverZones('capacity', 1), maxReplicas)]);
  const { value, seconds } = time(() => computeCapacity(new Planner(prepared.profile), prepared.cluster, prepared.workloads, 'each', maxReplicas));
  record('capacity', `${value[0].additionalReplicas} of maxReplicas ${maxReplicas} (zone-spread), placed in order in one plan`, seconds);
}
{
  const prepared = prepare([withReplicas(zoneExclusive('exclusive', 1), 10)]);
  const { value, seconds } = time(() => computeCapacity(new Planner(prepared.profile), prepared.cluster, prepared.workloads, 'each', 10));
  record('capacity (limited)', `${value[0].additionalReplicas} zone-exclusive replicas, then ${value[0].suggestions.length} verified suggestions`, seconds);
}
{
  const prepared = prepare([zoneExclusive('scale', 5)]);
  const template = compileNodeTemplate({ status: { capacity: { cpu: '4', memory: '32Gi', pods: '110' } } }, 'template');
  const groups = [{ name: 'general', template, zones: ['zone-a', 'zone-b', 'zone-c', 'zone-d', 'zone-e'], price: 0.2 }];
  const pods = prepared.workloads.flatMap((workload) => workload.pods);
  const { value, seconds } = time(() => {
    const search = searchScaleUp(new Planner(prepared.profile), prepared.cluster, pods, groups, addNodeWithDaemonSetsOf(prepared.cluster, prepared.profile.podRequestOptions));
    return search.feasible ? { search, plan: executeSimulation({ ...prepared, cluster: search.cluster }, { explain: 'summary', mode: 'exhaustive' }) } : { search };
  });
  const added = value.search.feasible ? value.search.added.map((addition) => `${addition.count}×${addition.zone}`).join(', ') : 'infeasible';
  record('scale-up', `5 zone-exclusive replicas: added ${added} after ${value.search.evaluatedPlans} plans, + the final plan`, seconds);
}
{
  const prepared = prepare([spreadOverZones('ha', 300)]);
  const { value, seconds } = time(() => {
    const placed = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).run.cluster;
    return analyzeFailureDomains(new Planner(prepared.profile), placed, prepared.workloads.map((workload) => workload.ref), ZONE);
  });
  record('failure-domains (plan)', `300 zone-spread replicas placed, then each of ${value.domains.length} zones lost; recovers: ${value.verdicts[0].fullyRecovers}`, seconds);
}
{
  const prepared = prepare([]);
  const { value, seconds } = time(() => {
    const studied = workloadsInCluster(prepared.cluster);
    return { studied, analysis: analyzeFailureDomains(new Planner(prepared.profile), prepared.cluster, studied, ZONE) };
  });
  const lost = value.analysis.domains.reduce((sum, domain) => sum + domain.workloads.reduce((inner, impact) => inner + impact.lost, 0), 0);
  record('failure-domains (cluster)', `${value.studied.length} running workloads, ${lost} replicas lost and rescheduled over ${value.analysis.domains.length} zones`, seconds);
}
{
  const prepared = prepare([deployment('huge', 20, { app: 'huge' }, { containers: [{ name: 'app', image: 'app', resources: { requests: { cpu: '8' } } }] })]);
  const { value, seconds } = time(() => {
    const { result, run } = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
    return withSuggestions(new Planner(prepared.profile), prepared, run, result.placements);
  });
  const suggested = value.filter((placement) => placement.suggestions !== undefined);
  record('fit-suggestions', `${value.length} unplaceable 8-CPU replicas, ${suggested.length} examined, ${suggested[0]?.suggestions?.length ?? 0} suggestions each`, seconds);
}
{
  const binPacking = {
    profiles: [
      {
        plugins: { score: { disabled: [{ name: 'PodTopologySpread' }, { name: 'NodeResourcesBalancedAllocation' }] } },
        pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
      },
    ],
  };
  const { value, seconds } = time(() => {
    const outcomes = [undefined, binPacking].map((config) => {
      const prepared = prepare([deployment('compare', 1000, { app: 'compare' })], config);
      const { result, run } = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
      return { result, utilisation: clusterUtilisation(run.cluster, new Set()) };
    });
    return { outcomes, diff: diffPlans(outcomes[0].result.placements, outcomes[1].result.placements) };
  });
  const [spread, packed] = value.outcomes;
  record(
    'compare-configs',
    `1000 replicas × 2 configs: cpu stddev ${spread.utilisation.cpu.stddev} vs ${packed.utilisation.cpu.stddev}, ${value.diff.moved.length} moved`,
    seconds,
  );
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/analyses-latest.json', `${JSON.stringify({ nodes, existingPods: objects.pods.length, rows }, null, 2)}\n`);
