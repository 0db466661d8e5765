/**
 * metav1.LabelSelector compiled once into a predicate, with upstream's
 * semantics (apimachinery labels.Selector): every requirement must hold;
 * `NotIn` and `DoesNotExist` hold when the key is absent; an empty selector
 * matches everything; a nil selector matches nothing (callers decide which a
 * missing selector means, as upstream does per field).
 */
import type { V1LabelSelector, V1LabelSelectorRequirement } from '@kubernetes/client-node';
import { echoed } from './echoed-value.js';

export type Labels = Readonly<Record<string, string>>;

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  readonly values: readonly string[];
}

export class LabelSelectorError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export class CompiledSelector {
  /** Matches every label set (upstream labels.Everything()). */
  static readonly everything = new CompiledSelector([], false);
  /** Matches no label set (upstream labels.Nothing()). */
  static readonly nothing = new CompiledSelector([], true);

  private constructor(
    readonly requirements: readonly LabelRequirement[],
    readonly matchesNothing: boolean,
  ) {}

  static of(requirements: readonly LabelRequirement[]): CompiledSelector {
    return requirements.length === 0 ? CompiledSelector.everything : new CompiledSelector(requirements, false);
  }

  get isEverything(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  /** Adds requirements (as matchLabelKeys merging does); never mutates. */
  and(requirements: readonly LabelRequirement[]): CompiledSelector {
    if (this.matchesNothing || requirements.length === 0) return this;
    return new CompiledSelector([...this.requirements, ...requirements], false);
  }

  matches(labels: Labels | undefined): boolean {
    if (this.matchesNothing) return false;
    for (const requirement of this.requirements) {
      if (!requirementMatches(requirement, labels)) return false;
    }
    return true;
  }

  /** toString's text, once asked for: a selector never changes (`and` makes a new one). Private (#), so equal selectors stay deep-equal. */
  #text: string | undefined;

  /**
   * The selector in kubectl's string form, for messages and explanations.
   * Kept once formatted: a topology spread rejection names its selector on
   * every node it rejects, for every pod (issue 14).
   */
  toString(): string {
    if (this.#text === undefined) this.#text = this.matchesNothing ? '<none>' : this.requirements.map(formatRequirement).join(',');
    return this.#text;
  }
}

function requirementMatches(requirement: LabelRequirement, labels: Labels | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels![requirement.key]);
    case 'NotIn':
      return !has || !requirement.values.includes(labels![requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

function formatRequirement(requirement: LabelRequirement): string {
  switch (requirement.operator) {
    case 'In':
      return requirement.values.length === 1
        ? `${requirement.key}=${requirement.values[0]}`
        : `${requirement.key} in (${requirement.values.join(',')})`;
    case 'NotIn':
      return `${requirement.key} notin (${requirement.values.join(',')})`;
    case 'Exists':
      return requirement.key;
    case 'DoesNotExist':
      return `!${requirement.key}`;
  }
}

const OPERATORS: readonly LabelSelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * LabelSelectorAsSelector: `undefined`/`null` compiles to `nothing`, `{}` to
 * `everything`. Invalid operators or value lists throw a LabelSelectorError
 * carrying the field path below `path`.
 */
export function compileLabelSelector(selector: V1LabelSelector | null | undefined, path = 'selector'): CompiledSelector {
  if (selector === undefined || selector === null) return CompiledSelector.nothing;
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, operator: 'In', values: [String(value)] });
  }
  (selector.matchExpressions ?? []).forEach((expression, index) => {
    requirements.push(compileRequirement(expression, `${path}.matchExpressions[${index}]`));
  });
  return CompiledSelector.of(requirements);
}

export function compileRequirement(expression: V1LabelSelectorRequirement, path: string): LabelRequirement {
  const operator = expression.operator as LabelSelectorOperator;
  if (!OPERATORS.includes(operator)) {
    throw new LabelSelectorError(`${path}.operator`, `must be one of ${OPERATORS.join(', ')}, got "${echoed(String(expression.operator))}"`);
  }
  const values = (expression.values ?? []).map(String);
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    throw new LabelSelectorError(`${path}.values`, `must be non-empty when operator is ${operator}`);
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
    throw new LabelSelectorError(`${path}.values`, `must be empty when operator is ${operator}`);
  }
  return { key: expression.key, operator, values };
}
