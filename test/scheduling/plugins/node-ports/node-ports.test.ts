/**
 * NodePorts, ported from upstream pkg/scheduler/framework/plugins/nodeports/node_ports_test.go
 * (TestNodePorts, TestFits). Ports are written as upstream's "PROTOCOL/hostIP/hostPort".
 */
import type { V1ContainerPort, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { nodePorts } from '../../../../src/scheduling/plugins/node-ports/index.js';
import { ErrReasonNodePorts } from '../../../../src/scheduling/plugins/node-ports/node-ports-plugin.js';
import { clusterOf, makeNode } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';

const NODE = 'm1';
let podCounter = 0;

function containerPorts(hostPortInfos: string[]): V1ContainerPort[] {
  return hostPortInfos.map((info) => {
    const [protocol, hostIP, hostPort] = info.split('/');
    return { containerPort: Number(hostPort), hostIP, hostPort: Number(hostPort), protocol };
  });
}

/** upstream newPod(host, hostPortInfos...): one container with these ports. */
function newPod(...hostPortInfos: string[]): V1Pod {
  podCounter++;
  return {
    metadata: { name: `p${podCounter}`, namespace: 'default' },
    spec: { containers: [{ name: 'c', ports: containerPorts(hostPortInfos) }] },
  };
}

/** st.MakePod().InitContainerPort(sidecar, ports). */
function initContainerPod(sidecar: boolean, ...hostPortInfos: string[]): V1Pod {
  podCounter++;
  return {
    metadata: { name: `p${podCounter}`, namespace: 'default' },
    spec: {
      containers: [],
      initContainers: [{ name: 'init', ports: containerPorts(hostPortInfos), ...(sidecar ? { restartPolicy: 'Always' } : {}) }],
    },
  };
}

function run(pod: V1Pod, existing: V1Pod[]) {
  const pods = existing.map((bound) => ({ ...bound, spec: { ...bound.spec!, nodeName: NODE } }));
  return runFilterPlugin(nodePorts(undefined), pod, clusterOf([makeNode(NODE).capacity({ pods: '110' }).obj()], pods));
}

// upstream node_ports_test.go TestNodePorts
describe('NodePorts: TestNodePorts', () => {
  it.each([
    { name: 'skip filter', pod: { metadata: { name: 'empty' }, spec: { containers: [] } } as V1Pod, existing: [], skip: true },
    { name: 'other port', pod: newPod('UDP/127.0.0.1/8080'), existing: [newPod('UDP/127.0.0.1/9090')], conflict: false },
    { name: 'same udp port', pod: newPod('UDP/127.0.0.1/8080'), existing: [newPod('UDP/127.0.0.1/8080')], conflict: true },
    { name: 'same tcp port', pod: newPod('TCP/127.0.0.1/8080'), existing: [newPod('TCP/127.0.0.1/8080')], conflict: true },
    { name: 'different host ip', pod: newPod('TCP/127.0.0.1/8080'), existing: [newPod('TCP/127.0.0.2/8080')], conflict: false },
    { name: 'different protocol', pod: newPod('UDP/127.0.0.1/8080'), existing: [newPod('TCP/127.0.0.1/8080')], conflict: false },
    {
      name: 'second udp port conflict',
      pod: newPod('UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'),
      existing: [newPod('UDP/127.0.0.1/8080')],
      conflict: true,
    },
    {
      name: 'first tcp port conflict',
      pod: newPod('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'),
      existing: [newPod('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081')],
      conflict: true,
    },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', pod: newPod('TCP/0.0.0.0/8001'), existing: [newPod('TCP/127.0.0.1/8001')], conflict: true },
    {
      name: 'TCP hostPort conflict due to 0.0.0.0 hostIP',
      pod: newPod('TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'),
      existing: [newPod('TCP/127.0.0.1/8001')],
      conflict: true,
    },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', pod: newPod('TCP/127.0.0.1/8001'), existing: [newPod('TCP/0.0.0.0/8001')], conflict: true },
    { name: 'second different protocol', pod: newPod('UDP/127.0.0.1/8001'), existing: [newPod('TCP/0.0.0.0/8001')], conflict: false },
    {
      name: 'UDP hostPort conflict due to 0.0.0.0 hostIP',
      pod: newPod('UDP/127.0.0.1/8001'),
      existing: [newPod('TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001')],
      conflict: true,
    },
    { name: 'non-sidecar initContainer using hostPort', pod: initContainerPod(false, 'TCP//8001'), existing: [newPod('TCP/0.0.0.0/8001')], skip: true },
    { name: 'TCP hostPort conflict from sidecar initContainer', pod: initContainerPod(true, 'TCP//8001'), existing: [newPod('TCP/0.0.0.0/8001')], conflict: true },
  ])('$name', ({ pod, existing, skip, conflict }) => {
    const result = run(pod, existing);
    if (skip) {
      expect(result.preFilter?.code).toBe(Code.Skip);
      return;
    }
    expect(result.preFilter).toBeNull();
    const status = result.nodes[NODE];
    if (!conflict) {
      expect(status).toBeNull();
      return;
    }
    expect(status?.code).toBe(Code.Unschedulable);
    expect(status?.reasons).toEqual([ErrReasonNodePorts]);
  });

  it('says which port is taken and by which pod', () => {
    const existing = newPod('TCP/0.0.0.0/8001');
    const status = run(newPod('TCP/127.0.0.1/8001'), [existing]).nodes[NODE];
    expect(status?.details).toEqual([
      { hostIP: '127.0.0.1', protocol: 'TCP', hostPort: 8001, boundBy: { pod: `default/${existing.metadata!.name}`, hostIP: '0.0.0.0' } },
    ]);
  });

  it('does not count ports of an existing pod’s ordinary init containers', () => {
    // upstream NodeInfo.UsedPorts comes from GetHostPorts, which leaves non-sidecar init containers out.
    expect(run(newPod('TCP/0.0.0.0/8001'), [initContainerPod(false, 'TCP/0.0.0.0/8001')]).nodes[NODE]).toBeNull();
  });
});

// upstream node_ports_test.go TestFits
describe('NodePorts: TestFits', () => {
  it.each([
    { desc: 'non-conflicting ports', pod: newPod('TCP/127.0.0.1/80'), existing: newPod('TCP/127.0.0.1/9090'), fits: true },
    {
      desc: 'multiple non-conflicting ports',
      pod: newPod('TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'),
      existing: newPod('TCP/127.0.0.1/9090', 'TCP/127.0.0.1/9191', 'TCP/127.0.1.1/8080'),
      fits: true,
    },
    { desc: 'same ports on different protocols', pod: newPod('TCP/127.0.0.1/80'), existing: newPod('UDP/127.0.0.1/80'), fits: true },
    { desc: 'conflicting ports', pod: newPod('TCP/127.0.0.1/80'), existing: newPod('TCP/127.0.0.1/80'), fits: false },
    {
      desc: 'multiple ports, some conflicting',
      pod: newPod('TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'),
      existing: newPod('TCP/127.0.0.1/9090', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/8080'),
      fits: false,
    },
  ])('$desc', ({ pod, existing, fits }) => {
    expect(run(pod, [existing]).nodes[NODE] === null).toBe(fits);
  });
});
