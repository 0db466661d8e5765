import type { V1NodeSelectorRequirement, V1NodeSelectorTerm } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { PluginArgsError } from '../../../../src/scheduling/framework/interfaces.js';
import { nodeAffinity } from '../../../../src/scheduling/plugins/node-affinity/index.js';
import { NodeSelector } from '../../../../src/scheduling/plugins/node-affinity/node-selector.js';
import { matchesRequiredNodeAffinity } from '../../../../src/scheduling/plugins/node-affinity/required-node-affinity.js';
import { aggregateMessage } from '../../../../src/scheduling/plugins/node-affinity/selector-field-error.js';

const selectorOf = (...terms: V1NodeSelectorTerm[]) => NodeSelector.compile({ nodeSelectorTerms: terms });
const term = (...matchExpressions: V1NodeSelectorRequirement[]): V1NodeSelectorTerm => ({ matchExpressions });

// Requirement semantics of component-helpers nodeaffinity + apimachinery labels.Requirement.Matches
// (cases modelled on nodeaffinity_test.go TestNodeSelectorMatch and labels selector_test.go).
const matching: { name: string; term: V1NodeSelectorTerm; node: { name: string; labels: Record<string, string> }; matches: boolean }[] = [
  { name: 'Gt compares as integers', term: term({ key: 'v', operator: 'Gt', values: ['9'] }), node: { name: 'n', labels: { v: '10' } }, matches: true },
  { name: 'Gt is strict', term: term({ key: 'v', operator: 'Gt', values: ['10'] }), node: { name: 'n', labels: { v: '10' } }, matches: false },
  { name: 'a negative bound is not a valid label value, so the term never matches', term: term({ key: 'v', operator: 'Lt', values: ['-1'] }), node: { name: 'n', labels: { v: '-5' } }, matches: false },
  { name: 'Lt compares as integers', term: term({ key: 'v', operator: 'Lt', values: ['0100'] }), node: { name: 'n', labels: { v: '99' } }, matches: true },
  { name: 'Gt with a non-integer label never matches', term: term({ key: 'v', operator: 'Gt', values: ['1'] }), node: { name: 'n', labels: { v: 'x2' } }, matches: false },
  { name: 'Lt with the label missing never matches', term: term({ key: 'v', operator: 'Lt', values: ['1'] }), node: { name: 'n', labels: {} }, matches: false },
  { name: 'DoesNotExist holds when the label is absent', term: term({ key: 'gpu', operator: 'DoesNotExist' }), node: { name: 'n', labels: {} }, matches: true },
  { name: 'NotIn holds when the label is absent', term: term({ key: 'gpu', operator: 'NotIn', values: ['a'] }), node: { name: 'n', labels: {} }, matches: true },
  {
    name: 'matchFields NotIn metadata.name',
    term: { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n'] }] },
    node: { name: 'n', labels: {} },
    matches: false,
  },
  {
    name: 'matchFields are ignored for a node without a name',
    term: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['other'] }] },
    node: { name: '', labels: {} },
    matches: true,
  },
  {
    name: 'an unknown operator makes the term match nothing',
    term: term({ key: 'v', operator: 'Matches', values: ['1'] }),
    node: { name: 'n', labels: { v: '1' } },
    matches: false,
  },
  {
    name: 'Gt with two values is a parse error',
    term: term({ key: 'v', operator: 'Gt', values: ['1', '2'] }),
    node: { name: 'n', labels: { v: '5' } },
    matches: false,
  },
];

describe('node selector term semantics', () => {
  it.each(matching)('$name', ({ term: selectorTerm, node, matches }) => {
    expect(selectorOf(selectorTerm).matches(node)).toBe(matches);
  });

  it('ORs terms and skips empty ones', () => {
    const selector = selectorOf({}, term({ key: 'a', operator: 'Exists' }));
    expect(selector.matches({ name: 'n', labels: { a: '' } })).toBe(true);
    expect(selectorOf({}).matches({ name: 'n', labels: {} })).toBe(false);
  });

  it('reports parse errors with upstream field paths and messages', () => {
    const selector = selectorOf(
      term({ key: 'v', operator: 'Gt', values: ['x'] }),
      { matchFields: [{ key: 'metadata.name', operator: 'Exists' }] },
    );
    expect(aggregateMessage(selector.parseErrors)).toBe(
      `[nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer, ` +
        `nodeSelectorTerms[1].matchFields[0].operator: Unsupported value: "Exists": supported values: "In", "NotIn"]`,
    );
  });

  it('matchesRequiredNodeAffinity combines nodeSelector and required terms', () => {
    const pod = {
      spec: {
        containers: [],
        nodeSelector: { disk: 'ssd' },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term({ key: 'zone', operator: 'In', values: ['a'] })] } } },
      },
    };
    expect(matchesRequiredNodeAffinity(pod, { name: 'n', labels: { disk: 'ssd', zone: 'a' } })).toBe(true);
    expect(matchesRequiredNodeAffinity(pod, { name: 'n', labels: { disk: 'hdd', zone: 'a' } })).toBe(false);
    expect(matchesRequiredNodeAffinity(pod, { name: 'n', labels: { disk: 'ssd', zone: 'b' } })).toBe(false);
  });
});

// Modelled on upstream validation_pluginargs_test.go TestValidateNodeAffinityArgs.
describe('NodeAffinityArgs validation', () => {
  const argsError = (args: Record<string, unknown>): PluginArgsError | undefined => {
    try {
      nodeAffinity(args);
      return undefined;
    } catch (error) {
      if (error instanceof PluginArgsError) return error;
      throw error;
    }
  };

  it('accepts empty args and valid added affinity', () => {
    expect(argsError({})).toBeUndefined();
    expect(
      argsError({
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term({ key: 'label-1', operator: 'In', values: ['label-1-val'] })] },
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] } },
          ],
        },
      }),
    ).toBeUndefined();
  });

  it('invalid added affinity', () => {
    const error = argsError({
      addedAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term({ key: 'invalid /label-1', operator: 'In', values: ['label-1-val'] })] },
      },
    });
    expect(error?.path).toBe('addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key');
    expect(error?.message).toMatch(/^Invalid value: "invalid \/label-1": prefix part a lowercase RFC 1123 subdomain/);
  });

  it('invalid preferred term', () => {
    const error = argsError({
      addedAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 1, preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-2'] }] } },
        ],
      },
    });
    expect(error?.path).toBe('addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].matchFields[0].values');
    expect(error?.message).toBe('Invalid value: []string{"node-1", "node-2"}: must have one element');
  });

  it('rejects unknown fields', () => {
    expect(argsError({ addedAfinity: {} })?.path).toBe('addedAfinity');
  });
});
