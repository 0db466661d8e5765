import { describedEnum } from '../../common/graphql/described-enum.js';

/** The orders of a node list (domain/node-order.ts). */
export enum NodeSortValue {
  name = 'name',
  cpu = 'cpu',
  memory = 'memory',
  pods = 'pods',
  replicas = 'replicas',
}

describedEnum(NodeSortValue, 'NodeSort', 'How a node list is ordered; every order ends by name, so it is total', {
  name: 'by name (the default)',
  cpu: 'highest CPU share requested first, the planned replicas added when a plan is given; nothing allocatable last',
  memory: 'highest memory share requested first, the planned replicas added when a plan is given; nothing allocatable last',
  pods: 'highest share of the pod limit first, the planned replicas added when a plan is given; nothing allocatable last',
  replicas: 'most planned replicas first (needs a plan)',
});
