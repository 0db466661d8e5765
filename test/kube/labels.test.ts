import { describe, expect, it } from 'vitest';
import { validateDnsSubdomain, validateLabelKey, validateLabelMap, validateLabelValue } from '../../src/kube/labels.js';

const QUALIFIED = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

// Cases from apimachinery pkg/util/validation/validation_test.go: TestIsQualifiedName, TestIsValidLabelValue, TestIsDNS1123Subdomain.
describe('validateLabelKey (IsQualifiedName)', () => {
  it.each(['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple', 'now-with-dashes/now-with-dashes', 'now.with.dots/simple', 'now-with.dashes-and.dots/simple', '1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123', 'requests.storage-foo', `${'a'.repeat(63)}`, `${'a'.repeat(253)}/${'b'.repeat(63)}`])(
    'accepts %s',
    (key) => expect(validateLabelKey(key)).toEqual([]),
  );

  it.each([
    { key: 'nospecialchars%^=@', errors: [`name part ${QUALIFIED}`] },
    { key: 'cantendwithadash-', errors: [`name part ${QUALIFIED}`] },
    { key: '-cantstartwithadash-', errors: [`name part ${QUALIFIED}`] },
    { key: 'only/one/slash', errors: [expect.stringMatching(/^a qualified name must consist of/)] },
    { key: 'Example.com/abc', errors: [expect.stringMatching(/^prefix part a lowercase RFC 1123 subdomain/)] },
    { key: 'example_com/abc', errors: [expect.stringMatching(/^prefix part a lowercase RFC 1123 subdomain/)] },
    { key: 'example.com/', errors: ['name part must be non-empty', `name part ${QUALIFIED}`] },
    { key: '/simple', errors: ['prefix part must be non-empty'] },
    { key: 'a'.repeat(64), errors: ['name part must be no more than 63 characters'] },
    { key: `${'a'.repeat(254)}/abc`, errors: ['prefix part must be no more than 253 characters'] },
  ])('rejects $key', ({ key, errors }) => expect(validateLabelKey(key)).toEqual(errors));
});

describe('validateLabelValue (IsValidLabelValue)', () => {
  it.each(['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), '', 'Uppercase_Is_OK_123'])('accepts "%s"', (value) =>
    expect(validateLabelValue(value)).toEqual([]),
  );
  it.each(['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64)])(
    'rejects "%s"',
    (value) => expect(validateLabelValue(value).length).toBeGreaterThan(0),
  );
});

describe('validateDnsSubdomain', () => {
  it.each(['a', 'ab', 'a-b', '0', 'a.b', 'a.b.c', 'node-1.ec2.internal', 'a'.repeat(253)])('accepts %s', (name) => expect(validateDnsSubdomain(name)).toEqual([]));
  it.each(['', 'A', 'ABC', 'a_b', '-a', 'a-', 'a..b', '.a', 'a.', 'a@b', 'a'.repeat(254)])('rejects "%s"', (name) =>
    expect(validateDnsSubdomain(name).length).toBeGreaterThan(0),
  );
});

describe('validateLabelMap', () => {
  it('reports keys at the map path and values at the keyed path (dotted for plain keys), all of them', () => {
    expect(validateLabelMap({ ok: 'fine', '-bad': 'x', app: 'no spaces', n: 3 }, 'objects[0].metadata.labels')).toEqual([
      { path: 'objects[0].metadata.labels', message: `key "-bad": name part ${QUALIFIED}` },
      { path: 'objects[0].metadata.labels.app', message: expect.stringMatching(/^"no spaces": a valid label must be an empty string/) },
      { path: 'objects[0].metadata.labels.n', message: 'must be a string, got 3' },
    ]);
  });
  it('rejects a list where a map belongs', () => {
    expect(validateLabelMap(['a'], 'spec.nodeSelector')).toEqual([{ path: 'spec.nodeSelector', message: 'must be a map of string keys to string values' }]);
  });
});
