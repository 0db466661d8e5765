/** Revisions: every write is a new immutable revision; stale writes answer 412 and never lose an update. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeNode, makePod } from '../support/kube-builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The same object with every map's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, member]) => [key, reversedKeys(member)]));
}

function cluster(nodeCount: number) {
  return Array.from({ length: nodeCount }, (_, index) => makeNode(`node-${index}`).zone(`zone-${index % 2}`).build());
}

describe('topology revisions', () => {
  let testApp: TestApp;

  async function create(name: string, nodeCount = 1): Promise<string> {
    const response = await testApp.http().post('/v1/topologies').send({ name, objects: cluster(nodeCount) });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('PUT stores revision 2, reads default to it, and ?revision=1 still reads the original', async () => {
    const id = await create('history', 1);
    const put = await testApp
      .http()
      .put(`/v1/topologies/${id}`)
      .send({ objects: [...cluster(3), makePod('p').on('node-0').build()], name: 'history-renamed' });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe('"2"');
    expect(put.body).toMatchObject({ id, name: 'history-renamed', revision: 2, revisions: 2, summary: { nodes: 3, pods: 1 } });

    const latest = await testApp.http().get(`/v1/topologies/${id}`);
    expect(latest.body).toMatchObject({ revision: 2, latestRevision: 2, summary: { nodes: 3 } });
    const first = await testApp.http().get(`/v1/topologies/${id}?revision=1`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ revision: 1, latestRevision: 2, summary: { nodes: 1, pods: 0 } });
    const firstNodes = await testApp.http().get(`/v1/topologies/${id}/nodes?revision=1`);
    expect(firstNodes.body).toMatchObject({ revision: 1, totalCount: 1 });
  });

  it('accepts a YAML PUT with If-Match', async () => {
    const id = await create('yaml-put');
    const response = await testApp
      .http()
      .put(`/v1/topologies/${id}`)
      .set('Content-Type', 'application/yaml')
      .set('If-Match', '"1"')
      .send('apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\n');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ revision: 2, summary: { nodes: 2 } });
  });

  it.each([
    ['If-Match header', { header: '"1"' }],
    ['weak If-Match header', { header: 'W/"1"' }],
    ['body revision', { revision: 1 }],
  ])('answers 412 problem+json to a stale %s and writes nothing', async (_label, precondition: { header?: string; revision?: number }) => {
    const id = await create(`stale-${_label}`);
    expect((await testApp.http().put(`/v1/topologies/${id}`).send({ objects: cluster(2) })).status).toBe(200);
    let call = testApp.http().put(`/v1/topologies/${id}`);
    if (precondition.header) call = call.set('If-Match', precondition.header);
    const response = await call.send({ objects: cluster(5), ...(precondition.revision ? { revision: precondition.revision } : {}) });
    expect(response.status).toBe(412);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 412, type: 'urn:podplan:problem:precondition-failed' });
    const latest = await testApp.http().get(`/v1/topologies/${id}`);
    expect(latest.body).toMatchObject({ revision: 2, summary: { nodes: 2 } });
  });

  it('rejects an If-Match that disagrees with the body revision', async () => {
    const id = await create('disagree');
    const response = await testApp.http().put(`/v1/topologies/${id}`).set('If-Match', '"1"').send({ objects: cluster(1), revision: 2 });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('revision');
  });

  it('lets exactly one of several parallel writers with the same precondition win', async () => {
    const id = await create('race');
    const writers = 8;
    const responses = await Promise.all(
      Array.from({ length: writers }, (_, index) =>
        testApp.http().put(`/v1/topologies/${id}`).set('If-Match', '"1"').send({ objects: cluster(index + 2) }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, ...Array(writers - 1).fill(412)]);
    const winner = responses.find((response) => response.status === 200)!;
    const latest = await testApp.http().get(`/v1/topologies/${id}`);
    expect(latest.body).toMatchObject({ revision: 2, summary: { nodes: winner.body.summary.nodes } });
  });

  it('never loses an unconditional write: parallel writers get distinct consecutive revisions', async () => {
    const id = await create('append');
    const writers = 6;
    const responses = await Promise.all(
      Array.from({ length: writers }, (_, index) => testApp.http().put(`/v1/topologies/${id}`).send({ objects: cluster(index + 2) })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(writers).fill(200));
    const revisions = responses.map((response) => response.body.revision).sort((left, right) => left - right);
    expect(revisions).toEqual([2, 3, 4, 5, 6, 7]);
    for (const response of responses) {
      const stored = await testApp.http().get(`/v1/topologies/${id}?revision=${response.body.revision}`);
      expect(stored.body.summary.nodes).toBe(response.body.summary.nodes);
    }
  });

  it('keeps the revision when a PUT brings exactly the latest objects, says so, and still renames (#21 item 6)', async () => {
    const id = await create('same-again', 2);
    const same = await testApp.http().put(`/v1/topologies/${id}`).send({ objects: cluster(2) });
    expect(same.status).toBe(200);
    expect(same.headers.etag).toBe('"1"');
    expect(same.body).toMatchObject({ id, revision: 1, latestRevision: 1, revisions: 1, unchanged: true, summary: { nodes: 2 } });

    // The same objects as YAML with keys in another order, and a rename: still no revision.
    const yaml = cluster(2)
      .map((node) => stringify(reversedKeys(node)))
      .join('---\n');
    expect(yaml.indexOf('status:')).toBeLessThan(yaml.indexOf('metadata:'));
    const renamed = await testApp.http().put(`/v1/topologies/${id}?name=same-renamed`).set('Content-Type', 'application/yaml').send(yaml);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'same-renamed', revision: 1, unchanged: true });

    // A stale precondition is refused even when nothing would be stored.
    const changed = await testApp.http().put(`/v1/topologies/${id}`).send({ objects: cluster(3) });
    expect(changed.body).toMatchObject({ revision: 2, unchanged: false });
    const stale = await testApp.http().put(`/v1/topologies/${id}`).set('If-Match', '"1"').send({ objects: cluster(3) });
    expect(stale.status).toBe(412);

    const graphql = await testApp.graphql(
      `mutation ($id: ID!, $objects: JSON!) { updateTopology(id: $id, objects: $objects) { revision latestRevision unchanged } }`,
      { id, objects: cluster(3) },
    );
    expect(graphql.errors).toBeUndefined();
    expect(graphql.data?.updateTopology).toEqual({ revision: 2, latestRevision: 2, unchanged: true });
    const read = await testApp.graphql(`query ($id: ID!) { topology(id: $id) { revision unchanged } }`, { id });
    expect(read.data?.topology).toEqual({ revision: 2, unchanged: null });
    expect((await testApp.http().get(`/v1/topologies/${id}`)).body).toMatchObject({ name: 'same-renamed', latestRevision: 2, revisions: 2 });
  });

  it('answers 404 to a PUT on an unknown or deleted topology, and 400 to a bad PUT without writing', async () => {
    const id = await create('put-errors');
    const bad = await testApp.http().put(`/v1/topologies/${id}`).send({ objects: [makeNode('a').allocatable({ cpu: 'lots' }).build()] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toMatch(/^objects\[0\]\.status\.allocatable(\.cpu|\[cpu\])$/);
    expect((await testApp.http().get(`/v1/topologies/${id}`)).body.revision).toBe(1);
    await testApp.http().delete(`/v1/topologies/${id}`);
    expect((await testApp.http().put(`/v1/topologies/${id}`).send({ objects: cluster(1) })).status).toBe(404);
  });
});
