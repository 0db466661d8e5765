import { describe, expect, it } from 'vitest';
import { expansionLimit } from '../../src/kube/yaml-expansion.js';
import { parseDocuments } from '../../src/kube/documents.js';
import { InvalidInputError } from '../../src/kube/field-error.js';
import { formatOf, readRealdata, realdataFiles } from './realdata.js';

function errorsOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors;
  }
  throw new Error('expected an InvalidInputError');
}

describe('parseDocuments: JSON', () => {
  it.each([
    { name: 'one object', text: '{"kind":"Node"}', kinds: ['Node'] },
    { name: 'an array of objects', text: '[{"kind":"Node"},{"kind":"Pod"}]', kinds: ['Node', 'Pod'] },
    { name: 'a List stays one document (the importer flattens it)', text: '{"kind":"List","items":[{"kind":"Pod"}]}', kinds: ['List'] },
    { name: 'concatenated documents', text: '{"kind":"NodeList"}\n{"kind":"PodList"}\n', kinds: ['NodeList', 'PodList'] },
    {
      name: 'documents with log text between them, braces and quotes inside strings',
      text: '{"kind":"NodeList","note":"a } and a \\" inside"}\n==== START logs for container x ====\nI0101 "quoted {\n{"kind":"PodList"}',
      kinds: ['NodeList', 'PodList'],
    },
    { name: 'a stray opening brace before the first document', text: '{\n    {"kind":"NodeList","items":[]}\n{"kind":"PodList"}', kinds: ['NodeList', 'PodList'] },
  ])('$name', ({ text, kinds }) => {
    expect(parseDocuments(text, 'json').map((document) => (document as { kind: string }).kind)).toEqual(kinds);
  });

  it.each([
    { name: 'missing value', text: '{"a":}', message: 'invalid JSON at line 1, column 6: unexpected \'}\', expected a value' },
    { name: 'truncated object', text: '{\n  "a": 1', message: "invalid JSON at line 2, column 9: unexpected end of input, expected ',' or '}'" },
    { name: 'missing colon on line 3', text: '{\n "a": 1,\n "b" 2}', message: "invalid JSON at line 3, column 6: unexpected '2', expected ':'" },
    { name: 'trailing comma', text: '[1,]', message: "invalid JSON at line 1, column 4: unexpected ']', expected a value" },
    { name: 'no JSON at all', text: 'hello', message: "invalid JSON at line 1, column 1: unexpected 'h', expected a value" },
    { name: 'empty body', text: '  \n', message: 'is empty: expected a JSON object or array' },
    { name: 'a scalar document', text: '42', message: 'expected a Kubernetes object, a list of objects, or an array' },
    {
      name: 'a balanced but invalid document in a stream is located in the whole text',
      text: 'log line\n{"kind":"NodeList"}\nmore log\n{"kind": "PodList", }',
      message: "invalid JSON at line 4, column 21: unexpected '}', expected a property name",
    },
  ])('rejects $name at the base path with line and column', ({ text, message }) => {
    expect(errorsOf(() => parseDocuments(text, 'json', 'objects'))).toEqual([{ path: 'objects', message }]);
  });

  it('rejects documents nested deeper than the bound', () => {
    const deep = '['.repeat(150) + ']'.repeat(150);
    expect(errorsOf(() => parseDocuments(`[${deep}]`, 'json'))).toEqual([{ path: 'body[0]', message: 'nests deeper than 100 levels' }]);
  });

  it('scans a long run of stray braces in linear time', () => {
    const text = `${'{'.repeat(200_000)}x\n{"kind":"Node"}`;
    const started = performance.now();
    expect(parseDocuments(text, 'json')).toEqual([{ kind: 'Node' }]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('parseDocuments: YAML', () => {
  it.each([
    { name: 'multi-document with empty documents skipped', text: '---\n---\nkind: Node\n---\n# only a comment\n---\nkind: Pod\n', kinds: ['Node', 'Pod'] },
    { name: 'a top-level sequence contributes its items', text: '- kind: Node\n- kind: Pod\n', kinds: ['Node', 'Pod'] },
    { name: 'flow style with trailing commas (as kubernetes/website examples)', text: '{ kind: "Pod", metadata: { name: "x", }, }', kinds: ['Pod'] },
    { name: 'a few aliases are fine', text: 'kind: Pod\nmetadata: {labels: &l {a: b}}\nspec: {nodeSelector: *l}\n', kinds: ['Pod'] },
  ])('$name', ({ text, kinds }) => {
    expect(parseDocuments(text, 'yaml').map((document) => (document as { kind: string }).kind)).toEqual(kinds);
  });

  it('keeps quoted scalars as strings and resolves aliases', () => {
    const [pod] = parseDocuments('kind: Pod\nmetadata: {labels: &l {a: "1"}}\nspec: {nodeSelector: *l}\n', 'yaml') as any[];
    expect(pod.spec.nodeSelector).toEqual({ a: '1' });
  });

  it('refuses an alias bomb ("billion laughs")', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    expect(errorsOf(() => parseDocuments(levels.join('\n'), 'yaml', 'objects'))).toEqual([
      {
        path: 'objects',
        message: expect.stringMatching(/^invalid YAML: aliases expand 100 written nodes to 490329064, more than 100100 \(aliases may add as many nodes/),
      },
    ]);
  });

  it('refuses 99 aliases of a 20,000-item anchor (under any alias count) before expanding them', () => {
    const anchor = `big: &big [${Array(20_000).fill('x').join(',')}]`;
    const aliases = Array.from({ length: 99 }, (_, index) => `copy${index}: *big`);
    const text = ['kind: ConfigMap', 'data:', ...[anchor, ...aliases].map((line) => `  ${line}`)].join('\n');
    expect(errorsOf(() => parseDocuments(text, 'yaml', 'objects'))).toEqual([
      { path: 'objects', message: expect.stringMatching(/^invalid YAML: aliases expand 20\d{3} written nodes to 20\d{5}, more than 1\d{5} /) },
    ]);
  });

  it('accepts aliases that add up to 100,000 nodes, counted over the whole stream', () => {
    const anchor = `big: &big [${Array(30_000).fill('x').join(',')}]`;
    const document = (copies: number) => ['kind: ConfigMap', 'data:', `  ${anchor}`, ...Array.from({ length: copies }, (_, index) => `  copy${index}: *big`)].join('\n');
    const [configMap] = parseDocuments(document(3), 'yaml') as any[];
    expect(configMap.data.copy2).toHaveLength(30_000);
    expect(errorsOf(() => parseDocuments(`${document(2)}\n---\n${document(2)}`, 'yaml'))[0].message).toMatch(
      /^invalid YAML: aliases expand 60\d{3} written nodes to 180\d{3}, more than 160\d{3} /,
    );
  });

  it('lets aliases add as many nodes as the text writes out, when that is more than 100,000', () => {
    expect(expansionLimit(10)).toBe(100_010);
    expect(expansionLimit(300_000)).toBe(600_000);
  });

  it('refuses an alias inside its own anchor as too deep, not by expanding it', () => {
    expect(errorsOf(() => parseDocuments('kind: Pod\nspec: &s {nested: *s}\n', 'yaml', 'objects'))).toEqual([
      { path: 'objects[0]', message: 'nests deeper than 100 levels' },
    ]);
  });

  it.each([
    { name: 'a nested mapping on one line', text: 'kind: Pod\nmetadata: name: x\n', message: 'invalid YAML at line 2, column 11: Nested mappings are not allowed in compact mappings' },
    { name: 'a duplicate key', text: 'kind: Pod\nkind: Node\n', message: 'invalid YAML at line 2, column 1: Map keys must be unique' },
    { name: 'an unclosed flow sequence', text: 'items: [1, 2\n', message: expect.stringMatching(/^invalid YAML at line \d+, column \d+: /) },
    { name: 'a scalar document', text: 'just text\n', message: 'expected a Kubernetes object, a list of objects, or an array' },
  ])('rejects $name', ({ text, message }) => {
    expect(errorsOf(() => parseDocuments(text, 'yaml'))).toEqual([{ path: 'body', message }]);
  });

  it('rejects deep nesting', () => {
    const text = `${'- '.repeat(1)}${'['.repeat(120)}${']'.repeat(120)}\n`;
    expect(errorsOf(() => parseDocuments(text, 'yaml'))[0].path).toMatch(/^body/);
  });
});

// parseDocuments: every realdata capture parses (realdataFiles throws when ../shared/realdata is absent).
it('has realdata files to parse', () => expect(files.length).toBeGreaterThan(20));
const files = realdataFiles('').filter((path) => /\.(json|ya?ml|sed)$/.test(path) && !path.endsWith('serverversion.json'));
it.each(files.map((path) => ({ path })))('$path', ({ path }) => {
  const documents = parseDocuments(readRealdata(path), formatOf(path));
  expect(documents.length).toBeGreaterThan(0);
  for (const document of documents) expect(typeof (document as { kind?: unknown }).kind).toBe('string');
});

// The EKS dump is required (realdataFiles throws without it).
it('has the EKS cluster-info dump', () => expect(dumps).toHaveLength(1));
const dumps = realdataFiles('eks-cluster-info-dump').filter((path) => path.endsWith('/cluster-info-dump.md'));
it.each(dumps.map((path) => ({ path })))(
  'splits the EKS cluster-info dump $path into its lists, skipping the log text',
  ({ path }) => {
    const documents = parseDocuments(readRealdata(path), 'json') as { kind: string }[];
    const kinds = documents.map((document) => document.kind);
    expect(kinds.slice(0, 8)).toEqual([
      'NodeList',
      'EventList',
      'ReplicationControllerList',
      'ServiceList',
      'DaemonSetList',
      'DeploymentList',
      'ReplicaSetList',
      'PodList',
    ]);
    expect(kinds.filter((kind) => kind === 'PodList')).toHaveLength(2);
  },
);
