import { describe, expect, it } from 'vitest';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { compileDisruptionBudgets, groupByPdbViolation } from '../../../src/scheduling/preemption/pdb-violations.js';
import { makePod } from '../../support/builders.js';
import { makePdb } from './support.js';

const pods = (...builders: ReturnType<typeof makePod>[]) => builders.map((builder) => buildPodInfo(builder.obj()));
const names = (group: { name: string }[]) => group.map((pod) => pod.name);

// upstream defaultpreemption filterPodsWithPDBViolation, case by case.
describe('groupByPdbViolation', () => {
  it('spends disruptionsAllowed in order: later matching pods violate once it runs out', () => {
    const budgets = compileDisruptionBudgets([makePdb('web').matchLabel('app', 'web').disruptionsAllowed(1).obj()]);
    const { violating, nonViolating } = groupByPdbViolation(pods(makePod('a').label('app', 'web'), makePod('b').label('app', 'web')), budgets);
    expect(names(nonViolating)).toEqual(['a']);
    expect(names(violating)).toEqual(['b']);
  });

  it('ignores budgets in other namespaces, unlabeled pods, empty selectors and pods already disrupted', () => {
    const budgets = compileDisruptionBudgets([
      makePdb('other-namespace').namespace('prod').matchLabel('app', 'web').obj(),
      makePdb('empty-selector').obj(),
      (() => {
        const pdb = makePdb('select-all').obj();
        pdb.spec!.selector = {};
        return pdb;
      })(),
      makePdb('disrupted').matchLabel('app', 'db').disruptedPod('d').obj(),
    ]);
    const { violating, nonViolating } = groupByPdbViolation(
      pods(makePod('a').label('app', 'web'), makePod('u'), makePod('d').label('app', 'db')),
      budgets,
    );
    expect(names(violating)).toEqual([]);
    expect(names(nonViolating)).toEqual(['a', 'u', 'd']);
  });

  it('treats a budget with an invalid selector as matching nothing', () => {
    const pdb = makePdb('broken').obj();
    pdb.spec!.selector = { matchExpressions: [{ key: 'app', operator: 'Bogus' }] };
    const { violating } = groupByPdbViolation(pods(makePod('a').label('app', 'web')), compileDisruptionBudgets([pdb]));
    expect(violating).toEqual([]);
  });

  it('counts a pod once per matching budget: any exhausted budget makes it violating', () => {
    const budgets = compileDisruptionBudgets([
      makePdb('roomy').matchLabel('app', 'web').disruptionsAllowed(5).obj(),
      makePdb('tight').matchLabel('tier', 'front').obj(),
    ]);
    const { violating } = groupByPdbViolation(pods(makePod('a').labels({ app: 'web', tier: 'front' })), budgets);
    expect(names(violating)).toEqual(['a']);
  });
});
