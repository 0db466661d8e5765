/**
 * The pod's nodeSelector plus its required node affinity, as upstream
 * component-helpers/scheduling/corev1/nodeaffinity GetRequiredNodeAffinity
 * and RequiredNodeAffinity.Match: every nodeSelector pair must be present;
 * then at least one non-empty nodeSelectorTerm must match (expressions ANDed,
 * matchFields over `metadata.name`). A term that fails to parse never matches
 * (LazyErrorNodeSelector), and topology spread ignores the parse error, as
 * upstream does "for backwards compatibility".
 *
 * Kept local so this plugin does not depend on the NodeAffinity plugin's
 * folder; both follow the same upstream helper and could share one module.
 */
import type { V1NodeSelectorRequirement, V1NodeSelectorTerm, V1Pod } from '@kubernetes/client-node';
import type { Labels } from '../../../kube/label-selector.js';

type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

interface LabelRequirement {
  readonly key: string;
  readonly operator: NodeSelectorOperator;
  readonly values: readonly string[];
  /** Gt/Lt: the parsed bound. */
  readonly bound?: bigint;
}

interface FieldRequirement {
  readonly key: string;
  readonly equal: boolean;
  readonly value: string;
}

/** A parsed term; `undefined` parts are absent from the term (upstream leaves the selector nil). */
interface CompiledTerm {
  readonly labels?: readonly LabelRequirement[];
  readonly fields?: readonly FieldRequirement[];
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(value, 10, 64); undefined when Go would return an error. */
export function parseInt64(value: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed < INT64_MIN || parsed > INT64_MAX ? undefined : parsed;
}

/** labels.NewRequirement's checks for node selector operators; undefined when the requirement is invalid. */
function compileLabelRequirement(expression: V1NodeSelectorRequirement): LabelRequirement | undefined {
  const values = expression.values ?? [];
  switch (expression.operator) {
    case 'In':
    case 'NotIn':
      return values.length === 0 ? undefined : { key: expression.key, operator: expression.operator, values };
    case 'Exists':
    case 'DoesNotExist':
      return values.length !== 0 ? undefined : { key: expression.key, operator: expression.operator, values };
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1) return undefined;
      const bound = parseInt64(values[0]);
      return bound === undefined ? undefined : { key: expression.key, operator: expression.operator, values, bound };
    }
    default:
      return undefined;
  }
}

/** nodeSelectorRequirementsAsFieldSelector: only In/NotIn with exactly one value. */
function compileFieldRequirement(expression: V1NodeSelectorRequirement): FieldRequirement | undefined {
  const values = expression.values ?? [];
  if ((expression.operator !== 'In' && expression.operator !== 'NotIn') || values.length !== 1) return undefined;
  return { key: expression.key, equal: expression.operator === 'In', value: values[0] };
}

function labelRequirementMatches(requirement: LabelRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, requirement.key);
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
      if (!has) return false;
      const value = parseInt64(labels[requirement.key]);
      if (value === undefined) return false;
      return requirement.operator === 'Gt' ? value > requirement.bound! : value < requirement.bound!;
    }
  }
}

/** A node's field set holds only `metadata.name`; an absent field reads as "" (fields.Set.Get). */
function fieldRequirementMatches(requirement: FieldRequirement, nodeName: string): boolean {
  const actual = requirement.key === 'metadata.name' ? nodeName : '';
  return (actual === requirement.value) === requirement.equal;
}

/** undefined when the term fails to parse (it then never matches). */
function compileTerm(term: V1NodeSelectorTerm): CompiledTerm | undefined {
  let labels: LabelRequirement[] | undefined;
  let fields: FieldRequirement[] | undefined;
  if ((term.matchExpressions ?? []).length > 0) {
    labels = [];
    for (const expression of term.matchExpressions!) {
      const requirement = compileLabelRequirement(expression);
      if (!requirement) return undefined;
      labels.push(requirement);
    }
  }
  if ((term.matchFields ?? []).length > 0) {
    fields = [];
    for (const expression of term.matchFields!) {
      const requirement = compileFieldRequirement(expression);
      if (!requirement) return undefined;
      fields.push(requirement);
    }
  }
  return { labels, fields };
}

export class RequiredNodeAffinity {
  private constructor(
    private readonly nodeSelector: readonly (readonly [string, string])[] | undefined,
    /** undefined: no required node affinity; otherwise the parsed non-empty terms (unparseable ones as undefined). */
    private readonly terms: readonly (CompiledTerm | undefined)[] | undefined,
  ) {}

  /** GetRequiredNodeAffinity(pod). */
  static of(pod: V1Pod): RequiredNodeAffinity {
    const selector = Object.entries(pod.spec?.nodeSelector ?? {});
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const terms = required
      ? (required.nodeSelectorTerms ?? [])
          // "nil or empty term selects no objects" (NewLazyErrorNodeSelector)
          .filter((term) => (term.matchExpressions ?? []).length > 0 || (term.matchFields ?? []).length > 0)
          .map(compileTerm)
      : undefined;
    return new RequiredNodeAffinity(selector.length > 0 ? selector : undefined, terms);
  }

  /** RequiredNodeAffinity.Match, with parse errors counted as no match. */
  matches(nodeName: string, labels: Labels): boolean {
    if (this.nodeSelector) {
      for (const [key, value] of this.nodeSelector) {
        if (!Object.hasOwn(labels, key) || labels[key] !== value) return false;
      }
    }
    if (!this.terms) return true;
    return this.terms.some(
      (term) =>
        term !== undefined &&
        (term.labels ?? []).every((requirement) => labelRequirementMatches(requirement, labels)) &&
        (term.fields ?? []).every((requirement) => fieldRequirementMatches(requirement, nodeName)),
    );
  }
}
