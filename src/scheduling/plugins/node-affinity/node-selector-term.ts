/**
 * One v1.NodeSelectorTerm compiled once, as upstream
 * component-helpers/scheduling/corev1/nodeaffinity newNodeSelectorTerm:
 * matchExpressions are ANDed label requirements (In, NotIn, Exists,
 * DoesNotExist, Gt, Lt), matchFields are ANDed `metadata.name` (in)equalities.
 * A term that fails to parse keeps its errors and never matches.
 */
import type { V1NodeSelectorRequirement, V1NodeSelectorTerm } from '@kubernetes/client-node';
import type { Labels } from '../../../kube/label-selector.js';
import { labelValueErrors, parseInt64, qualifiedNameErrors } from './label-syntax.js';
import { childPath, indexPath, invalidValue, unsupportedValue, type SelectorFieldError } from './selector-field-error.js';

/** What a node selector looks at: the node's labels and its name (its only selectable field). */
export interface SelectableNode {
  readonly name: string;
  readonly labels: Labels;
}

const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;
const FIELD_OPERATORS = ['In', 'NotIn'] as const;
type LabelOperator = (typeof LABEL_OPERATORS)[number];
type FieldOperator = (typeof FIELD_OPERATORS)[number];

interface LabelRequirement {
  readonly index: number;
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
  /** Gt/Lt: the parsed bound. */
  readonly bound?: bigint;
}

interface FieldRequirement {
  readonly index: number;
  readonly key: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

/** Which requirement of a term turned a node away, for explanations. */
export interface UnmatchedRequirement {
  readonly field: 'matchExpressions' | 'matchFields';
  readonly index: number;
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
  /** The node's value for the key (its label, or its name for metadata.name); null when it has no such label. */
  readonly actual: string | null;
}

/** The node's value of a selectable field; upstream extractNodeFields only knows a non-empty metadata.name. */
function nodeField(node: SelectableNode, key: string): string {
  return key === 'metadata.name' ? node.name : '';
}

function labelRequirementMatches(requirement: LabelRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key]);
    case 'NotIn':
      return !has || !requirement.values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      // as apimachinery labels.Requirement.Matches: a missing or non-integer label never matches.
      if (!has) return false;
      const actual = parseInt64(labels[requirement.key]);
      if (actual === undefined) return false;
      return requirement.operator === 'Gt' ? actual > requirement.bound! : actual < requirement.bound!;
    }
  }
}

function fieldRequirementMatches(requirement: FieldRequirement, node: SelectableNode): boolean {
  const actual = nodeField(node, requirement.key);
  return requirement.operator === 'In' ? actual === requirement.value : actual !== requirement.value;
}

/** apimachinery labels.NewRequirement's checks, in its order. */
function compileLabelRequirement(
  expression: V1NodeSelectorRequirement,
  index: number,
  path: string,
  errors: SelectorFieldError[],
): LabelRequirement | undefined {
  const operator = expression.operator as LabelOperator;
  if (!LABEL_OPERATORS.includes(operator)) {
    errors.push(unsupportedValue(childPath(path, 'operator'), expression.operator, LABEL_OPERATORS));
    return undefined;
  }
  const before = errors.length;
  const key = expression.key ?? '';
  const keyErrors = qualifiedNameErrors(key);
  if (keyErrors.length > 0) errors.push(invalidValue(childPath(path, 'key'), key, keyErrors.join('; ')));
  const valuesPath = childPath(path, 'values');
  const values = expression.values ?? [];
  let bound: bigint | undefined;
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errors.push(invalidValue(valuesPath, expression.values, "for 'in', 'notin' operators, values set can't be empty"));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) {
        errors.push(invalidValue(valuesPath, values, 'values set must be empty for exists and does not exist'));
      }
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) {
        errors.push(invalidValue(valuesPath, expression.values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      }
      values.forEach((value, valueIndex) => {
        const parsed = parseInt64(value);
        if (parsed === undefined) {
          errors.push(invalidValue(indexPath(valuesPath, valueIndex), value, "for 'Gt', 'Lt' operators, the value must be an integer"));
        } else if (valueIndex === 0) {
          bound = parsed;
        }
      });
      break;
  }
  values.forEach((value, valueIndex) => {
    const valueErrors = labelValueErrors(value);
    if (valueErrors.length > 0) errors.push(invalidValue(indexPath(valuesPath, valueIndex), value, valueErrors.join('; ')));
  });
  if (errors.length > before) return undefined;
  return { index, key, operator, values, bound };
}

/** component-helpers nodeSelectorRequirementsAsFieldSelector: only In/NotIn, each with exactly one value. */
function compileFieldRequirement(
  expression: V1NodeSelectorRequirement,
  index: number,
  path: string,
  errors: SelectorFieldError[],
): FieldRequirement | undefined {
  const operator = expression.operator as FieldOperator;
  if (!FIELD_OPERATORS.includes(operator)) {
    errors.push(unsupportedValue(childPath(path, 'operator'), expression.operator, FIELD_OPERATORS));
    return undefined;
  }
  const values = expression.values ?? [];
  if (values.length !== 1) {
    errors.push(invalidValue(childPath(path, 'values'), expression.values, 'must have one element'));
    return undefined;
  }
  return { index, key: expression.key, operator, value: values[0] };
}

export class NodeSelectorTerm {
  private constructor(
    private readonly labelRequirements: readonly LabelRequirement[],
    private readonly fieldRequirements: readonly FieldRequirement[],
    /** Non-empty: the term failed to parse and matches nothing. */
    readonly parseErrors: readonly SelectorFieldError[],
  ) {}

  /** Upstream isEmptyNodeSelectorTerm: such a term selects nothing and is dropped. */
  static isEmpty(term: V1NodeSelectorTerm | undefined): boolean {
    return (term?.matchExpressions?.length ?? 0) === 0 && (term?.matchFields?.length ?? 0) === 0;
  }

  /** Compiles a non-empty term; `path` prefixes its parse errors (e.g. `nodeSelectorTerms[0]`). */
  static compile(term: V1NodeSelectorTerm, path: string): NodeSelectorTerm {
    const errors: SelectorFieldError[] = [];
    const labelRequirements: LabelRequirement[] = [];
    const fieldRequirements: FieldRequirement[] = [];
    const expressionsPath = childPath(path, 'matchExpressions');
    (term.matchExpressions ?? []).forEach((expression, index) => {
      const compiled = compileLabelRequirement(expression, index, indexPath(expressionsPath, index), errors);
      if (compiled) labelRequirements.push(compiled);
    });
    const fieldsPath = childPath(path, 'matchFields');
    (term.matchFields ?? []).forEach((expression, index) => {
      const compiled = compileFieldRequirement(expression, index, indexPath(fieldsPath, index), errors);
      if (compiled) fieldRequirements.push(compiled);
    });
    return new NodeSelectorTerm(labelRequirements, fieldRequirements, errors);
  }

  get isValid(): boolean {
    return this.parseErrors.length === 0;
  }

  matches(node: SelectableNode): boolean {
    return this.isValid && this.unmatchedRequirement(node) === undefined;
  }

  /** The first requirement the node fails, or undefined when the (valid) term matches it. */
  unmatchedRequirement(node: SelectableNode): UnmatchedRequirement | undefined {
    for (const requirement of this.labelRequirements) {
      if (!labelRequirementMatches(requirement, node.labels)) {
        const { index, key, operator, values } = requirement;
        const actual = Object.prototype.hasOwnProperty.call(node.labels, key) ? node.labels[key] : null;
        return { field: 'matchExpressions', index, key, operator, values, actual };
      }
    }
    // as upstream nodeSelectorTerm.match: field requirements are ignored for a node without a name.
    if (node.name === '') return undefined;
    for (const requirement of this.fieldRequirements) {
      if (!fieldRequirementMatches(requirement, node)) {
        const { index, key, operator, value } = requirement;
        return { field: 'matchFields', index, key, operator, values: [value], actual: node.name };
      }
    }
    return undefined;
  }
}
