/**
 * Arbitraries for hostile input: values that break parsers, validators and
 * queries (huge strings and numbers, unicode edge cases, SQL-looking text,
 * bad quantities and label selectors, wrong types, deep nesting, prototype
 * keys), and structured mutations that plant one of them at one path of a
 * valid request, so a refusal can be checked to point at that path.
 */
import fc from 'fast-check';

const SQL_LOOKING = [
  "'; DROP TABLE topologies; --",
  "1' OR '1'='1",
  'x") UNION SELECT secret_hash FROM api_keys --',
  '$1::text',
  "\\'; SELECT pg_sleep(10); --",
  '%00%27',
];

const UNICODE_EDGES = [
  '\uD800',
  '\uDFFF\uD800',
  '\u0000',
  '\u202Eevil\u202C',
  'zero\u200Bwidth',
  'ﬀ'.repeat(50),
  '🧨'.repeat(100),
  'e\u0301\u0301\u0301\u0301',
  '\uFEFF',
  'İ',
];

const BAD_QUANTITIES = ['1Gii', '-5', '1e1000', '.', '0x10', '1.2.3', 'NaN', 'Infinity', '9'.repeat(400), '1Ki1', ' 1', '+-1', '1E'];
const BAD_SELECTORS = ['app in (', '!!x', 'a=b=c', 'a notin ()', '=x', 'a!==b', 'x in (a,,b)', 'a'.repeat(300) + '=b', 'key in (a', ','];

const hugeString = fc.constantFrom(10_000, 100_000, 400_000).chain((length) => fc.string({ minLength: 1, maxLength: 3 }).map((unit) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)));
const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 2 ** 64, 1e21, 4.9e-324, -0, 2 ** 31, -1);

/** An object nested `depth` levels deep: { a: { a: … } } or [[[…]]]. */
export function deeplyNested(depth: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

const deepNesting = fc.tuple(fc.constantFrom(50, 500, 3000), fc.constantFrom('object', 'array') as fc.Arbitrary<'object' | 'array'>).map(([depth, kind]) => deeplyNested(depth, kind));

const prototypeKeys = fc.constantFrom<Record<string, unknown>>(
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  JSON.parse('{"__proto__": null, "toString": 1}'),
);

/** One hostile JSON value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...SQL_LOOKING),
  fc.constantFrom(...UNICODE_EDGES),
  fc.constantFrom(...BAD_QUANTITIES),
  fc.constantFrom(...BAD_SELECTORS),
  hugeString,
  hugeNumber,
  deepNesting,
  prototypeKeys,
  fc.constantFrom(null, true, false, 0, '', [], {}),
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** The path of every value inside a JSON document, as key lists. */
export function allPaths(value: unknown, prefix: (string | number)[] = [], into: (string | number)[][] = []): (string | number)[][] {
  into.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => allPaths(item, [...prefix, index], into));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) allPaths(item, [...prefix, key], into);
  return into;
}

export function setAt(document: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let cursor = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  cursor[path[path.length - 1]] = replacement;
  return copy;
}

export interface Mutation {
  readonly body: unknown;
  readonly path: readonly (string | number)[];
}

/** A valid document with one hostile value planted at one of its paths (the root excluded). */
export function mutationsOf(valid: unknown): fc.Arbitrary<Mutation> {
  const paths = allPaths(valid).filter((path) => path.length > 0);
  return fc.tuple(fc.constantFrom(...paths), hostileValue).map(([path, value]) => ({ body: setAt(valid, path, value), path }));
}

/** Splits `objects[2].metadata.labels[kubernetes.io/zone]` into its keys. */
export function pathKeys(path: string): string[] {
  return [...path.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)].map((match) => match[1] ?? match[2]);
}

/**
 * Whether an error at `errorPath` is about the value planted at `planted`:
 * the same field, inside it, a field that contains it, or a sibling — the
 * API server reports cross-field rules on the sibling (an empty toleration
 * `key` is refused at its `operator`).
 */
export function pointsAt(errorPath: string, planted: readonly (string | number)[]): boolean {
  const error = pathKeys(errorPath);
  const target = planted.map(String);
  if (error.length === 0) return false;
  const comparable = error.length === target.length ? target.length - 1 : Math.min(error.length, target.length);
  return error.slice(0, comparable).every((key, index) => key === target[index]);
}

/** YAML that expands exponentially through aliases ("billion laughs"). */
export function yamlAliasBomb(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level <= levels; level++) {
    const previous = `*a${level - 1}`;
    lines.push(`a${level}: &a${level} [${Array(9).fill(previous).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

/** Broken JSON text: truncated, doubled, with stray bytes. */
export const malformedJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)).filter((text) => text.length > 2).map((text) => text.slice(0, Math.floor(text.length / 2))),
  fc.constantFrom('{', '{"name":', '[1,2', '{"a":1}{"b":2}', 'nul', '{"a":1,}', "{'a':1}", '\uFEFF{"name":"x","objects":[]}', '{"a":"\\x00"}', '1e99999', '"' + 'x'.repeat(1000)),
  fc.string({ maxLength: 200 }),
);

/** Text that is not YAML or is hostile YAML. */
export const hostileYamlText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    yamlAliasBomb(9),
    yamlAliasBomb(30),
    '- ' + '['.repeat(5000),
    '{'.repeat(3000),
    'a: !!js/function "function(){}"',
    'key: [unclosed',
    '%YAML 9.9\n---\na: 1',
    '<<: *undefined',
    'kind: Node\nmetadata: { name: "\uD800" }',
    ':\n  - :\n',
    '---\n' + '- x\n'.repeat(20000),
    '['.repeat(2000) + ']'.repeat(2000),
    'a:\n' + Array.from({ length: 300 }, (_, level) => `${'  '.repeat(level + 1)}b${level}:`).join('\n') + ' x',
  ),
  fc.string({ maxLength: 300 }),
);
