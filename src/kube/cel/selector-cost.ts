/**
 * The worst-case cost of a device selector, in CEL cost units, as cel-go's
 * checker.CostEstimator computes it with Kubernetes' library cost estimator
 * and the size bounds compile.go declares for `device` (sizeEstimator):
 * driver ≤ 63 characters, ≤ 32 domains and ≤ 32 attributes/capacities per
 * device (ResourceSliceMaxAttributesAndCapacitiesPerDevice), attribute values
 * ≤ 64 characters (DeviceAttributeMaxValueLength).
 *
 * The rules, checked against upstream's compile_test.go expectCost values:
 * identifiers, field selections, index operations, function calls and
 * arithmetic/ordering operators cost 1 each on top of their operands;
 * constants, `&&` and `||` cost nothing themselves; a list literal costs 10
 * and a map literal 30 (common.ListCreateBaseCost, MapCreateBaseCost);
 * string equality costs ⌈0.1 × the shorter operand's maximum length⌉
 * (StringTraversalCostFactor); `matches`/`find` cost ⌈0.1 × string⌉ ×
 * ⌈0.25 × pattern⌉ (RegexStringLengthCostFactor); `contains` ⌈0.1 × string⌉ ×
 * ⌈0.1 × substring⌉, `startsWith`/`endsWith` ⌈0.1 × argument⌉,
 * `lowerAscii`/`upperAscii`/`trim`/`substring` ⌈0.1 × string⌉ (library
 * EstimateCallCost); a comprehension costs its
 * range, plus its initial accumulator, plus iterations × (loop condition +
 * loop step), plus its result, iterations being the range's maximum size.
 */
import type { ASTNode } from '@marcbachmann/cel-js';

/** resourceapi.CELSelectorExpressionMaxCost. */
export const CEL_SELECTOR_EXPRESSION_MAX_COST = 1_000_000;

const DRIVER_NAME_MAX_LENGTH = 63;
const MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE = 32;
const DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH = 64;
const LIST_CREATE_BASE_COST = 10;
const MAP_CREATE_BASE_COST = 30;
/** An unknown size: cel-go's math.MaxUint64 estimate, which exceeds any limit. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** What the estimator knows of a value: the maximum size (string length, list/map elements) and, for maps, of their elements. */
interface SizedValue {
  readonly cost: number;
  readonly size: number;
  readonly element?: Omit<SizedValue, 'cost'>;
}

type Scope = ReadonlyMap<string, Omit<SizedValue, 'cost'>>;

const ATTRIBUTE_VALUE: Omit<SizedValue, 'cost'> = { size: DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH };
const DOMAIN_MAP: Omit<SizedValue, 'cost'> = { size: MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE, element: ATTRIBUTE_VALUE };
const DOMAINS: Omit<SizedValue, 'cost'> = { size: MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE, element: DOMAIN_MAP };

const saturating = (...values: number[]): number => Math.min(UNBOUNDED, values.reduce((sum, value) => sum + value, 0));
const times = (left: number, right: number): number => (left === 0 || right === 0 ? 0 : Math.min(UNBOUNDED, left * right));
const traversal = (size: number, factor: number): number => Math.ceil(size * factor);

function literalSize(node: ASTNode): number | undefined {
  return node.op === 'value' && typeof node.args === 'string' ? node.args.length : undefined;
}

function comprehension(range: SizedValue, macro: string, body: number, extraArgument: number): number {
  const iterations = range.size;
  switch (macro) {
    case 'all':
    case 'exists':
      // loop condition @not_strictly_false(accu) or (!accu): 2; step accu && body: 1 + body; result accu: 1.
      return saturating(range.cost, times(iterations, 2 + 1 + body), 1);
    case 'exists_one':
      // condition true: 0; step body ? accu + 1 : accu: body + 2; result accu == 1: 2.
      return saturating(range.cost, times(iterations, body + 2), 2);
    case 'map':
      // init []: 10; step accu + [body]: body + 12 (+ filter predicate); result accu: 1.
      return saturating(range.cost, LIST_CREATE_BASE_COST, times(iterations, body + extraArgument + 12), 1);
    case 'filter':
      return saturating(range.cost, LIST_CREATE_BASE_COST, times(iterations, body + 13), 1);
    default:
      return UNBOUNDED;
  }
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

function estimate(node: ASTNode, scope: Scope): SizedValue {
  switch (node.op) {
    case 'value':
      return { cost: 0, size: literalSize(node) ?? 0 };
    case 'id': {
      const known = node.args === 'device' ? { size: 0 } : scope.get(node.args);
      return { ...(known ?? { size: UNBOUNDED }), cost: 1 };
    }
    case '.':
    case '.?': {
      const [operand, field] = node.args;
      const base = estimate(operand, scope);
      if (operand.op === 'id' && operand.args === 'device' && !scope.has('device')) {
        const fieldSize = field === 'driver' ? { size: DRIVER_NAME_MAX_LENGTH } : field === 'attributes' || field === 'capacity' ? DOMAINS : { size: UNBOUNDED };
        return { cost: base.cost + 1, ...fieldSize };
      }
      return { cost: base.cost + 1, ...(base.element ?? { size: UNBOUNDED }) };
    }
    case '[]':
    case '[?]': {
      const base = estimate(node.args[0], scope);
      const key = estimate(node.args[1], scope);
      return { cost: saturating(base.cost, key.cost, 1), ...(base.element ?? { size: UNBOUNDED }) };
    }
    case 'list': {
      const elements = node.args.map((element) => estimate(element, scope));
      return { cost: saturating(LIST_CREATE_BASE_COST, ...elements.map((element) => element.cost)), size: elements.length, element: { size: Math.max(0, ...elements.map((element) => element.size)) } };
    }
    case 'map': {
      const entries = node.args.flatMap(([key, value]) => [estimate(key, scope), estimate(value, scope)]);
      return { cost: saturating(MAP_CREATE_BASE_COST, ...entries.map((entry) => entry.cost)), size: node.args.length };
    }
    case '&&':
    case '||': {
      const [left, right] = node.args.map((operand) => estimate(operand, scope));
      return { cost: saturating(left.cost, right.cost), size: 0 };
    }
    case '?:': {
      const [condition, whenTrue, whenFalse] = node.args.map((operand) => estimate(operand, scope));
      return { cost: saturating(condition.cost, Math.max(whenTrue.cost, whenFalse.cost)), size: Math.max(whenTrue.size, whenFalse.size) };
    }
    case '!_':
    case '-_': {
      // cel-go's parser reads `-1` as one literal (free); cel-js as a negation.
      if (node.op === '-_' && node.args.op === 'value' && (typeof node.args.args === 'bigint' || typeof node.args.args === 'number')) return { cost: 0, size: 0 };
      const operand = estimate(node.args, scope);
      return { cost: saturating(operand.cost, 1), size: 0 };
    }
    case 'call':
      return estimateCall(node.args[0], undefined, node.args[1], scope);
    case 'rcall':
      return estimateCall(node.args[0], node.args[1], node.args[2], scope);
    default: {
      const [leftNode, rightNode] = node.args as [ASTNode, ASTNode];
      const left = estimate(leftNode, scope);
      const right = estimate(rightNode, scope);
      let operatorCost = 1;
      if (node.op === '==' || node.op === '!=') {
        const leftLiteral = literalSize(leftNode);
        const rightLiteral = literalSize(rightNode);
        if (leftLiteral !== undefined || rightLiteral !== undefined) {
          operatorCost = traversal(Math.min(leftLiteral ?? left.size, rightLiteral ?? right.size), 0.1);
        }
      } else if (node.op === 'in' && rightNode.op === 'list') {
        operatorCost = right.size;
      }
      return { cost: saturating(left.cost, right.cost, operatorCost), size: node.op === '+' ? saturating(left.size, right.size) : 0 };
    }
  }
}

function estimateCall(name: string, receiver: ASTNode | undefined, args: readonly ASTNode[], scope: Scope): SizedValue {
  if (receiver !== undefined && receiver.op === 'id' && receiver.args === 'cel' && name === 'bind' && args.length === 3) {
    const [variable, init, body] = args;
    const bound = estimate(init, scope);
    const inner = new Map(scope);
    if (variable.op === 'id') inner.set(variable.args, { size: bound.size, ...(bound.element && { element: bound.element }) });
    const result = estimate(body, inner);
    // cel.bind is a comprehension over an empty list: [] 10 + init + result.
    return { cost: saturating(LIST_CREATE_BASE_COST, bound.cost, result.cost), size: result.size, ...(result.element && { element: result.element }) };
  }
  if (receiver !== undefined && MACROS.has(name) && args.length >= 2 && args[0].op === 'id') {
    const range = estimate(receiver, scope);
    const inner = new Map(scope);
    inner.set(args[0].args, range.element ?? { size: UNBOUNDED });
    const body = estimate(args[args.length - 1], inner).cost;
    const extra = args.length === 3 ? estimate(args[1], inner).cost : 0;
    return { cost: comprehension(range, name, body, extra), size: range.size };
  }
  if (receiver === undefined && name === 'has' && args.length === 1) {
    return { cost: saturating(estimate(args[0], scope).cost), size: 0 };
  }
  const target = receiver === undefined ? undefined : estimate(receiver, scope);
  const argumentValues = args.map((argument) => estimate(argument, scope));
  const operandCost = saturating(target?.cost ?? 0, ...argumentValues.map((argument) => argument.cost));
  if ((name === 'matches' || name === 'find' || name === 'findAll') && target !== undefined && args.length === 1) {
    const pattern = literalSize(args[0]) ?? argumentValues[0].size;
    return { cost: saturating(operandCost, times(traversal(target.size, 0.1), traversal(pattern, 0.25))), size: target.size };
  }
  if (name === 'split' && target !== undefined) {
    return { cost: saturating(operandCost, traversal(target.size, 0.2)), size: target.size, element: { size: target.size } };
  }
  // checker/cost.go functionCost: contains multiplies both traversals; startsWith/endsWith traverse the argument.
  if (name === 'contains' && target !== undefined && args.length === 1) {
    return { cost: saturating(operandCost, times(traversal(target.size, 0.1), traversal(argumentValues[0].size, 0.1))), size: 0 };
  }
  if ((name === 'startsWith' || name === 'endsWith') && target !== undefined && args.length === 1) {
    return { cost: saturating(operandCost, traversal(argumentValues[0].size, 0.1)), size: 0 };
  }
  // library/cost.go EstimateCallCost: a traversal of the receiver, the result no longer than it.
  if ((name === 'lowerAscii' || name === 'upperAscii' || name === 'trim' || name === 'substring') && target !== undefined) {
    return { cost: saturating(operandCost, traversal(target.size, 0.1)), size: target.size };
  }
  return { cost: saturating(operandCost, 1), size: target?.size ?? 0 };
}

/** The worst-case cost of a parsed selector; Number.MAX_SAFE_INTEGER stands for "unbounded". */
export function estimateSelectorCost(ast: ASTNode): number {
  return estimate(ast, new Map()).cost;
}
