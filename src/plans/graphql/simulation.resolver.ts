import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { nodeLabelsOfObjects } from '../../kube/node-labels.js';
import { PlansService } from '../plans.service.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { SimulateInput } from './plan.inputs.js';
import { toSimulationModel } from './plan-graphql.mapper.js';
import { SimulationModel } from './placement.model.js';

@Resolver(() => SimulationModel)
export class SimulationResolver {
  constructor(private readonly plans: PlansService) {}

  @Mutation(() => SimulationModel, { description: 'A stateless simulation: nothing is stored' })
  @RequiresRole('planner')
  async simulate(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: SimulateInput): Promise<SimulationModel> {
    const { objects, workloads, topologyId, revision, schedulerConfig, explain, mode, seed, topCandidates, rollout, scenario, kubernetesVersion, featureGates, fieldValidation } = input;
    const body = Object.fromEntries(
      Object.entries({
        cluster: objects === undefined || objects === null ? undefined : { objects: Array.isArray(objects) ? objects : [objects] },
        topologyId,
        revision,
        workloads: Array.isArray(workloads) ? workloads : [workloads],
        schedulerConfig,
        explain,
        mode,
        seed,
        topCandidates,
        rollout,
        scenario,
        kubernetesVersion,
        featureGates,
      }).filter(([, value]) => value !== undefined && value !== null),
    );
    const result = await this.plans.simulate(caller.team, body, { fieldValidation: fieldValidation ?? undefined });
    // The nodes' labels for placedOn, as a stored plan shows them: those of the cluster planned on.
    const clusterObjects = objects === undefined || objects === null ? undefined : Array.isArray(objects) ? objects : [objects];
    // With a scenario, the edited cluster's: added nodes and relabelled zones as the simulation saw them.
    const nodeLabels =
      Array.isArray(scenario) && scenario.length > 0
        ? await this.plans.simulationNodeLabels(caller.team, body)
        : clusterObjects
          ? nodeLabelsOfObjects(clusterObjects)
          : await this.plans.topologyNodeLabels(caller.team, topologyId!, revision ?? undefined);
    return toSimulationModel(result, nodeLabels);
  }
}
