/** The lexical nesting scan that guards graphql-js's recursive parser and value readers (issue 17, item 7). */
import { describe, expect, it } from 'vitest';
import { findGraphQLDepthFault } from '../../src/common/limits/graphql-document-depth.js';

const nestedObject = (depth: number) => `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedList = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('findGraphQLDepthFault', () => {
  it.each([
    ['an object literal one level under the limit', `mutation { simulate(input: ${nestedObject(15)}) { mode } }`, undefined],
    ['an object literal at the limit', `mutation { simulate(input: ${nestedObject(16)}) { mode } }`, { line: 1, column: 28 + 4 * 15, within: 'literal' }],
    ['a list literal past the limit', `query { a(x: ${nestedList(3000)}) }`, { line: 1, column: 14 + 15, within: 'literal' }],
    ['selection sets past the limit', `${'{ a '.repeat(20)}${'}'.repeat(20)}`, { line: 1, column: 1 + 4 * 15, within: 'selection' }],
    ['brackets inside a string', `query { a(x: "${'{['.repeat(100)}") }`, undefined],
    ['brackets inside a block string', `query { a(x: """ \\""" ${'['.repeat(100)}\n""") }`, undefined],
    ['brackets inside a comment', `# ${'{'.repeat(100)}\nquery { a }`, undefined],
    ['a fault on a later line', `query {\n  a(x: ${nestedList(16)})\n}`, { line: 2, column: 8 + 15, within: 'literal' }],
    ['literal depth counted per argument list, not summed over siblings', `query { ${Array.from({ length: 40 }, (_, index) => `a${index}: a(x: ${nestedList(10)})`).join(' ')} }`, undefined],
  ])('%s', (_name, source, expected) => {
    expect(findGraphQLDepthFault(source, 16)).toEqual(expected);
  });

  it('scans a megabyte-long document without recursion', () => {
    expect(findGraphQLDepthFault(`query { a(x: ${nestedList(500_000)}) }`, 64)).toMatchObject({ within: 'literal' });
  });
});
