/**
 * Every class of bad input from issue 2 answers 400 application/problem+json
 * with errors[].path pointing into the submitted document, and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlList, makeNode, makePod } from '../support/kube-builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface BadInputCase {
  name: string;
  contentType?: string;
  query?: Record<string, string>;
  body: unknown;
  /** Each expected error path must match one reported error's path. */
  paths: RegExp[];
}

const nodeWithoutName = makeNode('x').build();
delete (nodeWithoutName.metadata as Record<string, unknown>).name;

const badQuantityNode = makeNode('bad-cpu').allocatable({ cpu: '12XB', memory: '1Gi', pods: '10' }).build();
const badLabelKeyNode = makeNode('bad-label-key').labels({ 'not a/valid/key': 'x' }).build();
const badLabelValueNode = makeNode('bad-label-value').labels({ tier: 'spaces are not allowed' }).build();

const CASES: BadInputCase[] = [
  { name: 'malformed JSON', contentType: 'application/json', body: '{"name": "x", "objects": [', paths: [/^$/] },
  {
    name: 'malformed YAML',
    contentType: 'application/yaml',
    query: { name: 'x' },
    body: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: [unclosed\n',
    paths: [/^objects/],
  },
  { name: 'a Node without a name', body: { name: 'x', objects: [nodeWithoutName] }, paths: [/^objects\[0\]\.metadata\.name$/] },
  {
    name: 'an invalid quantity inside a List',
    body: { name: 'x', objects: [kubectlList([makeNode('ok').build(), badQuantityNode])] },
    // Plain map keys read after a dot, as issue 2's example writes it (keys with dots or slashes go in brackets).
    paths: [/^objects\[0\]\.items\[1\]\.status\.allocatable\.cpu$/],
  },
  {
    name: 'duplicate node names',
    body: { name: 'x', objects: [makeNode('twin').build(), makeNode('twin').build()] },
    paths: [/^objects\[1\]\.metadata\.name$/],
  },
  { name: 'an invalid label key', body: { name: 'x', objects: [badLabelKeyNode] }, paths: [/^objects\[0\]\.metadata\.labels/] },
  { name: 'an invalid label value', body: { name: 'x', objects: [badLabelValueNode] }, paths: [/^objects\[0\]\.metadata\.labels/] },
  {
    name: 'a topology with no nodes',
    body: { name: 'x', objects: [makePod('lonely').on('somewhere').build()] },
    paths: [/^objects/],
  },
  { name: 'no objects at all', body: { name: 'x', objects: [] }, paths: [/^objects/] },
  { name: 'a missing name', body: { objects: [makeNode('n').build()] }, paths: [/^name$/] },
  { name: 'an empty name', body: { name: '  ', objects: [makeNode('n').build()] }, paths: [/^name$/] },
  { name: 'objects that are not objects', body: { name: 'x', objects: 'nodes please' }, paths: [/^objects$/] },
  { name: 'an unknown body field', body: { name: 'x', objects: [makeNode('n').build()], extra: true }, paths: [/^$|extra/] },
  { name: 'a YAML body without ?name=', contentType: 'application/yaml', body: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n', paths: [/^name$/] },
  { name: 'a JSON scalar body', contentType: 'application/json', body: '"just a string"', paths: [/^$/] },
];

describe('bad input to POST /v1/topologies', () => {
  let testApp: TestApp;

  async function storedCount(): Promise<number> {
    const response = await testApp.http().get('/v1/topologies').query({ limit: 500 });
    return response.body.items.length;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it.each(CASES)('$name → 400 with the path, nothing written', async ({ contentType, query, body, paths }) => {
    const before = await storedCount();
    let call = testApp.http().post('/v1/topologies').query(query ?? {});
    if (contentType) call = call.set('Content-Type', contentType);
    const response = await call.send(body as string | object);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'urn:podplan:problem:bad-user-input', status: 400, title: 'Invalid input' });
    expect(typeof response.body.detail).toBe('string');
    const reported: string[] = response.body.errors.map((error: { path: string }) => error.path);
    for (const path of paths) expect(reported.some((candidate) => path.test(candidate)), `${reported} ~ ${path}`).toBe(true);
    expect(await storedCount()).toBe(before);
  });

  it('reports every invalid field of one document, not just the first', async () => {
    const response = await testApp
      .http()
      .post('/v1/topologies')
      .send({ name: 'x', objects: [nodeWithoutName, badQuantityNode] });
    expect(response.status).toBe(400);
    const reported: string[] = response.body.errors.map((error: { path: string }) => error.path);
    expect(reported).toContain('objects[0].metadata.name');
    expect(reported.some((path) => /^objects\[1\]\.status\.allocatable(\.cpu|\[cpu\])$/.test(path))).toBe(true);
  });

  it('answers 415 problem+json for a body type it does not read', async () => {
    const response = await testApp.http().post('/v1/topologies?name=x').set('Content-Type', 'text/plain').send('nodes');
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=501', 'limit'],
    ['cursor=bm9wZQ', 'cursor'],
  ])('GET /v1/topologies?%s → 400 naming the parameter', async (query, path) => {
    const response = await testApp.http().get(`/v1/topologies?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
  });
});

describe('request size', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ bodyLimitBytes: 64 * 1024 });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('answers 413 problem+json above BODY_LIMIT, for JSON and YAML', async () => {
    const nodes = Array.from({ length: 200 }, (_, index) => makeNode(`big-${index}`).build());
    const json = await testApp.http().post('/v1/topologies').send({ name: 'big', objects: nodes });
    expect(json.status).toBe(413);
    expect(json.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(json.body).toMatchObject({ status: 413, type: 'urn:podplan:problem:payload-too-large' });
    const yaml = await testApp
      .http()
      .post('/v1/topologies?name=big')
      .set('Content-Type', 'application/yaml')
      .send('# padding\n'.repeat(10_000));
    expect(yaml.status).toBe(413);
  });
});
