/**
 * Error answers are bounded and say nothing about podplan's internals
 * (issue 17, items 7 and 12): a value nested too deep is refused with one
 * limit whether it is a variable or written inline in the operation; a
 * multi-megabyte bad value is quoted by its head, not copied; a thousand bad
 * fields list a hundred; a library's error text ("Maximum call stack size
 * exceeded") never reaches the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, threeZones, zonedNode } from './plans-fixtures.js';
import { deeplyNested } from '../fuzz/support/hostile-values.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MAX_DEPTH = 64;
/** Generous ceiling for any error answer here: the inputs below are 2 MB and more. */
const MAX_ERROR_BYTES = 64 * 1024;

/** A GraphQL literal: `[[[ … ]]]` or `{a: {a: … }}`. */
function nestedLiteral(depth: number, kind: 'object' | 'array'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('bounded, stable error answers', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function postGraphQL(query: string, variables?: unknown) {
    const response = await testApp.http().post('/graphql').set('Content-Type', 'application/json').send(JSON.stringify({ query, variables }));
    return { status: response.status, text: response.text, body: response.body as { errors?: { message: string; extensions?: Record<string, any> }[] } };
  }

  describe('one depth limit for GraphQL variables and inline literals', () => {
    const simulateInline = (literal: string) => `mutation { simulate(input: { workloads: ${literal} }) { mode } }`;

    it.each([
      ['an inline list literal 3,000 deep', simulateInline(nestedLiteral(3000, 'array'))],
      ['an inline object literal 3,000 deep', simulateInline(nestedLiteral(3000, 'object'))],
      ['an inline literal 200,000 deep (past what the parser could recurse)', simulateInline(nestedLiteral(200_000, 'array'))],
      ['a literal in a variable default', `mutation($w: JSON = ${nestedLiteral(3000, 'array')}) { simulate(input: { workloads: $w }) { mode } }`],
    ])('%s: LIMIT_EXCEEDED naming PODPLAN_MAX_DOCUMENT_DEPTH', async (_name, query) => {
      const answer = await postGraphQL(query);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).not.toMatch(/call stack/i);
      expect(answer.body.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
      expect(answer.body.errors?.[0].message).toContain(`PODPLAN_MAX_DOCUMENT_DEPTH=${MAX_DEPTH}`);
    });

    it('the same value as a variable gets the same refusal', async () => {
      const answer = await postGraphQL('mutation($input: SimulateInput!) { simulate(input: $input) { mode } }', { input: { workloads: deeplyNested(3000, 'array') } });
      expect(answer.body.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
      expect(answer.body.errors?.[0].message).toContain(`PODPLAN_MAX_DOCUMENT_DEPTH=${MAX_DEPTH}`);
    });

    it('a literal within the limit is read (and judged on its content)', async () => {
      const answer = await postGraphQL(simulateInline(nestedLiteral(MAX_DEPTH - 3, 'array')));
      expect(answer.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('quoted input is bounded', () => {
    it('a 2 MB bad label selector gives an error of a few kilobytes that still names the field', async () => {
      const selector = `app in (${'x'.repeat(2 * 1024 * 1024)}`;
      const response = await testApp
        .http()
        .post('/v1/simulations')
        .send({ cluster: { objects: threeZones() }, workloads: [deployment('web', 1)], scenario: [{ op: 'removeNodes', selector }] });
      expect(response.status).toBe(400);
      expect(response.text.length).toBeLessThan(MAX_ERROR_BYTES);
      expect(response.body.errors[0].path).toMatch(/^scenario\[0\]\.selector/);
      expect(response.body.errors[0].message).toMatch(/more characters/);
    });

    it('a 1 MB invalid label value is quoted by its head', async () => {
      const node = zonedNode('a1', 'a');
      (node.metadata.labels as Record<string, string>).tier = 'not valid '.repeat(100_000);
      const response = await testApp.http().post('/v1/topologies').send({ name: 'x', objects: [node] });
      expect(response.status).toBe(400);
      expect(response.text.length).toBeLessThan(MAX_ERROR_BYTES);
      expect(response.body.errors[0].path).toBe('objects[0].metadata.labels.tier');
    });

    it('a 1 MB string where GraphQL expects an Int: graphql-js quotes it whole, the answer does not', async () => {
      const answer = await postGraphQL('query($revision: Int) { topologies(first: $revision) { edges { cursor } } }', { revision: 'x'.repeat(1024 * 1024) });
      expect(answer.status).toBeLessThan(500);
      expect(answer.text.length).toBeLessThan(MAX_ERROR_BYTES);
      expect(answer.body.errors?.[0].message).toMatch(/^Variable "\$revision"/);
    });

    it('a 1 MB id in a URL-free GraphQL argument is quoted by its head in NOT_FOUND', async () => {
      const answer = await postGraphQL('query($id: ID!) { topology(id: $id) { id } }', { id: 'y'.repeat(1024 * 1024) });
      expect(answer.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(answer.text.length).toBeLessThan(MAX_ERROR_BYTES);
    });

    it('a thousand invalid objects list the first hundred errors and count the rest', async () => {
      const objects = Array.from({ length: 1000 }, (_, index) => ({ ...zonedNode(`n${index}`, 'a'), status: { allocatable: { cpu: 'lots' } } }));
      const response = await testApp.http().post('/v1/topologies').send({ name: 'x', objects });
      expect(response.status).toBe(400);
      expect(response.body.errors).toHaveLength(100);
      expect(response.body.detail).toContain('the first 100 of 1000 errors are listed');
    });
  });
});
