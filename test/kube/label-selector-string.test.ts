import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/kube/field-error.js';
import { parseSelectorString } from '../../src/kube/label-selector-string.js';

// Cases re-expressed from apimachinery pkg/labels/selector_test.go (TestSelectorParse, TestSelectorMatches).
describe('parseSelectorString', () => {
  it.each([
    { text: '', printed: '', requirements: [] },
    { text: 'x=a', printed: 'x=a', requirements: [{ key: 'x', operator: 'In', values: ['a'] }] },
    { text: 'x==a', printed: 'x=a', requirements: [{ key: 'x', operator: 'In', values: ['a'] }] },
    { text: 'x!=a', printed: 'x notin (a)', requirements: [{ key: 'x', operator: 'NotIn', values: ['a'] }] },
    { text: 'x=', printed: 'x=', requirements: [{ key: 'x', operator: 'In', values: [''] }] },
    { text: ' x = a , y != b ', printed: 'x=a,y notin (b)', requirements: [{ key: 'x', operator: 'In', values: ['a'] }, { key: 'y', operator: 'NotIn', values: ['b'] }] },
    { text: 'z=c,x=a', printed: 'x=a,z=c', requirements: [{ key: 'x', operator: 'In', values: ['a'] }, { key: 'z', operator: 'In', values: ['c'] }] },
    { text: 'env in (prod, qa)', printed: 'env in (prod,qa)', requirements: [{ key: 'env', operator: 'In', values: ['prod', 'qa'] }] },
    { text: 'env notin (qa)', printed: 'env notin (qa)', requirements: [{ key: 'env', operator: 'NotIn', values: ['qa'] }] },
    { text: 'topology.kubernetes.io/zone', printed: 'topology.kubernetes.io/zone', requirements: [{ key: 'topology.kubernetes.io/zone', operator: 'Exists', values: [] }] },
    { text: '!gpu', printed: '!gpu', requirements: [{ key: 'gpu', operator: 'DoesNotExist', values: [] }] },
    { text: 'a,!b,c in (1)', printed: 'a,!b,c=1', requirements: [{ key: 'a', operator: 'Exists', values: [] }, { key: 'b', operator: 'DoesNotExist', values: [] }, { key: 'c', operator: 'In', values: ['1'] }] },
  ])('parses "$text"', ({ text, printed, requirements }) => {
    const selector = parseSelectorString(text, 'selector');
    expect(selector.requirements).toEqual(requirements);
    expect(selector.toString()).toBe(printed);
  });

  it.each<{ text: string; labels: Record<string, string>; matches: boolean }>([
    { text: 'x=a', labels: { x: 'a' }, matches: true },
    { text: 'x=a', labels: { x: 'b' }, matches: false },
    { text: 'x!=a', labels: {}, matches: true },
    { text: 'x!=a', labels: { x: 'a' }, matches: false },
    { text: 'x notin (a,b)', labels: { x: 'c' }, matches: true },
    { text: 'x,!y', labels: { x: '' }, matches: true },
    { text: 'x,!y', labels: { x: '', y: '' }, matches: false },
    { text: '', labels: { anything: 'x' }, matches: true },
  ])('"$text" on $labels matches: $matches', ({ text, labels, matches }) => {
    expect(parseSelectorString(text, 'selector').matches(labels)).toBe(matches);
  });

  it.each([
    { text: 'x=a,', reason: 'found end of selector at position 5, expected a label key' },
    { text: 'x in a', reason: "found 'a' at position 6, expected '('" },
    { text: 'x in (a', reason: "found end of selector at position 8, expected ',' or ')'" },
    { text: 'x in ()', reason: "for 'in' the set of values can't be empty" },
    { text: 'x foo', reason: "found 'foo' at position 3, expected '=', '==', '!=', 'in' or 'notin'" },
    { text: 'x>1', reason: "operator '>' is only valid in node selectors, not in label selectors" },
    { text: '=a', reason: "found '=' at position 1, expected a label key" },
    { text: 'x=a b', reason: "found 'b' at position 5, expected ',' or end of selector" },
    { text: 'x=a=b', reason: "found '=' at position 4, expected ',' or end of selector" },
  ])('rejects "$text"', ({ text, reason }) => {
    expect(() => parseSelectorString(text, 'removePods.selector')).toThrow(
      new InvalidInputError([{ path: 'removePods.selector', message: `unable to parse selector "${text}": ${reason}` }]),
    );
  });

  it('rejects invalid keys and values with the label rules', () => {
    const errorOf = (text: string): string => {
      try {
        parseSelectorString(text, 'labelSelector');
      } catch (error) {
        const [only] = (error as InvalidInputError).errors;
        expect(only.path).toBe('labelSelector');
        return only.message;
      }
      throw new Error('expected an error');
    };
    expect(errorOf('-x=a')).toContain('invalid label key "-x": name part must consist of alphanumeric characters');
    expect(errorOf('x=a_')).toContain('invalid label value "a_"');
    expect(errorOf(`x=${'v'.repeat(64)}`)).toContain('must be no more than 63 characters');
  });
});
