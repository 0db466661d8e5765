/** Saved topologies over GraphQL: the same operations and shapes as REST, errors with extensions.code. */
import { readFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EKS_SUMMARY, eksDump } from '../support/cloud-dumps.js';
import { makeNode } from '../support/kube-builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateTopologyInput!) {
    createTopology(input: $input) {
      id name revision
      summary { nodes pods pendingPods ignoredPods namespaces zones requested { cpuMillicores memoryBytes pods } }
      warnings { path message }
    }
  }
`;

describe('topologies over GraphQL', () => {
  let testApp: TestApp;
  let id: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const result = await testApp.graphql(CREATE, { input: { name: 'eks-gql', objects: [eksDump()] } });
    expect(result.errors).toBeUndefined();
    id = result.data!.createTopology.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('createTopology returns the contract summary', async () => {
    const result = await testApp.graphql(`query($id: ID!) { topology(id: $id) { id name revision summary { nodes pods pendingPods ignoredPods namespaces zones } } }`, { id });
    expect(result.data!.topology).toEqual({ id, name: 'eks-gql', revision: 1, summary: EKS_SUMMARY });
  });

  it('topology.nodes filters by label selector and carries labels, taints, requested, utilisation and pods', async () => {
    const result = await testApp.graphql(
      `query($id: ID!) { topology(id: $id) {
          nodes(labelSelector: "eks.amazonaws.com/nodegroup=gpu") {
            totalCount
            edges { node { name zone labels taints { key value effect } podCount
              allocatable { cpuMillicores pods } requested { cpuMillicores memoryBytes pods }
              utilisation { cpu pods } pods { namespace name ownerKind ownerName requests { cpuMillicores } } } }
          } } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    const connection = result.data!.topology.nodes;
    expect(connection.totalCount).toBe(1);
    const node = connection.edges[0].node;
    expect(node).toMatchObject({
      name: 'ip-10-0-9-200.ec2.internal',
      zone: 'us-east-1a',
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
      podCount: 2,
      allocatable: { cpuMillicores: 3920, pods: 58 },
      requested: { cpuMillicores: 125, memoryBytes: 0, pods: 2 },
    });
    expect(node.labels['node.kubernetes.io/instance-type']).toBe('g5.xlarge');
    expect(node.utilisation.cpu).toBeCloseTo(125 / 3920, 6);
    expect(node.pods.map((pod: any) => pod.ownerKind).sort()).toEqual(['DaemonSet', 'DaemonSet']);
  });

  it('pages nodes with first/after', async () => {
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: any = await testApp.graphql(
        `query($id: ID!, $after: String) { topology(id: $id) { nodes(first: 3, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } } }`,
        { id, after },
      );
      const connection = result.data.topology.nodes;
      names.push(...connection.edges.map((edge: any) => edge.node.name));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(names).toHaveLength(4);
    expect(names).toEqual([...names].sort());
  });

  it('topology.zones aggregates per zone', async () => {
    const result = await testApp.graphql(`query($id: ID!) { topology(id: $id) { zones { zone nodes pods requested { cpuMillicores } utilisation { cpu } } } }`, { id });
    expect(result.data!.topology.zones.map((zone: any) => [zone.zone, zone.nodes, zone.pods])).toEqual([
      ['us-east-1a', 2, 6],
      ['us-east-1b', 1, 4],
      ['us-east-1c', 1, 3],
    ]);
  });

  it('topologies is a connection in creation order', async () => {
    await testApp.graphql(CREATE, { input: { name: 'second', objects: [makeNode('n-1').build()] } });
    const first = await testApp.graphql(`{ topologies(first: 1) { edges { cursor node { id name revision } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data!.topologies.edges.map((edge: any) => edge.node.name)).toEqual(['eks-gql']);
    expect(first.data!.topologies.pageInfo.hasNextPage).toBe(true);
    const next = await testApp.graphql(`query($after: String) { topologies(first: 10, after: $after) { edges { node { name } } pageInfo { hasNextPage } } }`, {
      after: first.data!.topologies.pageInfo.endCursor,
    });
    expect(next.data!.topologies.edges.map((edge: any) => edge.node.name)).toEqual(['second']);
    expect(next.data!.topologies.pageInfo.hasNextPage).toBe(false);
  });

  it('updateTopology adds a revision, refuses a stale one with PRECONDITION_FAILED, and old revisions stay readable', async () => {
    const update = `mutation($id: ID!, $objects: JSON!, $revision: Int) { updateTopology(id: $id, objects: $objects, revision: $revision) { revision summary { nodes } } }`;
    const created = await testApp.graphql(CREATE, { input: { name: 'to-update', objects: [makeNode('u-1').build()] } });
    const topologyId = created.data!.createTopology.id;
    const updated = await testApp.graphql(update, { id: topologyId, objects: [makeNode('u-1').build(), makeNode('u-2').build()], revision: 1 });
    expect(updated.data!.updateTopology).toEqual({ revision: 2, summary: { nodes: 2 } });
    const stale = await testApp.graphql(update, { id: topologyId, objects: [makeNode('u-3').build()], revision: 1 });
    expect(stale.errors![0].extensions!.code).toBe('PRECONDITION_FAILED');
    const old = await testApp.graphql(`query($id: ID!) { topology(id: $id, revision: 1) { revision latestRevision summary { nodes } } }`, { id: topologyId });
    expect(old.data!.topology).toEqual({ revision: 1, latestRevision: 2, summary: { nodes: 1 } });
  });

  it('bad input is BAD_USER_INPUT with the same errors list as REST, and nothing is written', async () => {
    const before = await testApp.graphql(`{ topologies(first: 500) { edges { node { id } } } }`);
    const result = await testApp.graphql(CREATE, {
      input: { name: 'bad', objects: [makeNode('bad').allocatable({ cpu: '12XB' }).build()] },
    });
    expect(result.data).toBeNull();
    expect(result.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      errors: [expect.objectContaining({ path: expect.stringMatching(/^objects\[0\]\.status\.allocatable(\.cpu|\[cpu\])$/) })],
    });
    expect(result.errors![0].extensions!.stacktrace).toBeUndefined();
    const after = await testApp.graphql(`{ topologies(first: 500) { edges { node { id } } } }`);
    expect(after.data!.topologies.edges).toHaveLength(before.data!.topologies.edges.length);
  });

  it('an empty name is BAD_USER_INPUT at input.name', async () => {
    const result = await testApp.graphql(CREATE, { input: { name: '', objects: [makeNode('x').build()] } });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.name', message: expect.any(String) }] });
  });

  it('a cursor it did not issue is BAD_USER_INPUT at after', async () => {
    const result = await testApp.graphql(`{ topologies(after: "bogus") { edges { cursor } } }`);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'after', message: expect.any(String) }] });
  });

  it('an unknown topology is NOT_FOUND', async () => {
    const result = await testApp.graphql(`{ topology(id: "3f0c4e0e-8a51-4c1e-9b43-7d2f5e1a9c00") { id } }`);
    expect(result.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('deleteTopology removes it', async () => {
    const created = await testApp.graphql(CREATE, { input: { name: 'bye', objects: [makeNode('b').build()] } });
    const topologyId = created.data!.createTopology.id;
    const deleted = await testApp.graphql(`mutation($id: ID!) { deleteTopology(id: $id) }`, { id: topologyId });
    expect(deleted.data).toEqual({ deleteTopology: true });
    const gone = await testApp.graphql(`query($id: ID!) { topology(id: $id) { id } }`, { id: topologyId });
    expect(gone.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('rejects operations nested beyond the depth limit', async () => {
    const deep = `query($id: ID!) { topology(id: $id) { nodes { edges { node { pods { requests { cpuMillicores } } } } } } }`;
    expect((await testApp.graphql(deep, { id })).errors).toBeUndefined();
    const fragmentCycleFree = `query($id: ID!) { topology(id: $id) { ...T } } fragment T on Topology { nodes { edges { node { pods { requests { cpuMillicores } } } } } }`;
    expect((await testApp.graphql(fragmentCycleFree, { id })).errors).toBeUndefined();
    // 12 levels: __schema types (fields type) ×4 fields name; an ofType link would add none (it fans out to nothing).
    const tooDeep = `{ __schema { types { fields { type { fields { type { ofType { fields { type { fields { type { fields { name } } } } } } } } } } } } }`;
    const result = await testApp.graphql(tooDeep);
    expect(result.errors![0].message).toBe('the operation is 12 levels deep; at most 10 are allowed');
  });

  it('the committed schema.gql is what the code generates', async () => {
    const schema = testApp.app.get(GraphQLSchemaHost).schema;
    const committed = await readFile(new URL('../../schema.gql', import.meta.url), 'utf8');
    const withoutHeader = committed.replace(/^(#.*\n)+\n?/, '');
    // Byte for byte as `npm start` writes it (with a final newline), so running the service leaves a checkout clean.
    expect(withoutHeader, 'schema.gql is stale: run `npm start` once and commit schema.gql').toBe(`${printSchema(schema)}\n`);
  });
});
