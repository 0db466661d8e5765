/**
 * The actual (runtime) cost of evaluating a device selector, counted as
 * cel-go's CostTracker counts it (interpreter/runtimecost.go
 * costTrackerFactory.Observe and CostTracker.costCall) for the program
 * k8s.io/dynamic-resource-allocation/cel/compile.go builds: the Kubernetes
 * base environment evaluates with OptOptimize and OptTrackCost, the library
 * cost estimator (k8s.io/apiserver/pkg/cel/library/cost.go CallCost) prices
 * calls first, presence tests cost nothing (PresenceTestHasCost(false)), and
 * compile.go sets cel.CostLimit(resourceapi.CELSelectorExpressionMaxCost).
 * Past the limit cel-go stops with "operation cancelled: actual cost limit
 * exceeded", which DeviceMatches returns as the evaluation's error.
 *
 * cel-js evaluates; this file watches. Every child evaluation in cel-js goes
 * through the evaluator's `run`/`tryEval`, so a counting evaluator hands
 * itself to the root node and prices each node as cel-go's planner would
 * have planned it (docs/dra-allocator.md "CEL cost" lists the rules):
 *
 * - literals, and list/map literals or type conversions made only of
 *   constants (folded by OptOptimize), cost 0;
 * - an attribute (identifier, or a select/index chain on one) costs 1 for
 *   its evaluation plus 1 per field or index qualifier; a chain on a value
 *   that is no attribute (a call's result) is a relative attribute: 1 more;
 * - an attribute used as an index key or as a ternary branch is resolved,
 *   not evaluated: its own 1 is not charged (its qualifiers are);
 * - `&&`, `||`, `?:` cost nothing themselves; `!`, unary `-`, arithmetic and
 *   comparisons of scalars cost 1; `==`/`!=` and string ordering cost
 *   ⌈0.1 × the smaller operand's size⌉; string `+` ⌈0.1 × (m + n)⌉; `in` a
 *   list its size (a constant list of scalars is a set: 0); a list literal
 *   with non-constant elements 10, a map literal 30;
 * - calls: library/cost.go CallCost, else cel-go's defaults, else 1;
 * - comprehensions as cel-go's macros expand them: `all` costs 3 per
 *   iteration (loop condition `@not_strictly_false(accu)` 2, step
 *   `accu && p` 1) and 2 more when it stops early, `exists` 4 and 3, both 1
 *   for the result; `exists_one` 2 per match (`accu + 1`) and 2 for the
 *   result (`accu == 1`); `map`/`filter` 12 per element kept
 *   (`accu + [e]`) and 1 for the result; cel.bind only its parts.
 */
import type { ASTNode, ParseResult } from '@marcbachmann/cel-js';

/** EvalCancelledError's message for CostLimitExceeded (interpreter/runtimecost.go). */
export const COST_LIMIT_EXCEEDED_MESSAGE = 'operation cancelled: actual cost limit exceeded';

export class CostLimitExceeded extends Error {
  constructor() {
    super(COST_LIMIT_EXCEEDED_MESSAGE);
  }
}

/** common.StringTraversalCostFactor, common.RegexStringLengthCostFactor, List/MapCreateBaseCost. */
const STRING_TRAVERSAL = 0.1;
const REGEX_LENGTH = 0.25;
const LIST_CREATE = 10;
const MAP_CREATE = 30;

/** overloads.IsTypeConversionFunction: folded by OptOptimize when the argument is a constant. */
const CONVERSIONS = new Set(['bool', 'bytes', 'double', 'duration', 'dyn', 'int', 'string', 'timestamp', 'type', 'uint']);
const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

type Kind = 'all' | 'exists' | 'exists_one' | 'map' | 'filter';

/** What the counting evaluator does around one node beyond its own price. */
interface Role {
  /** The node is a comprehension macro: its per-iteration and result costs. */
  readonly macro?: Kind;
  /** The node is the range of the enclosing comprehension frame: record its size. */
  readonly range?: true;
  /** The node is the synthetic step of `all`/`exists`: charge loop condition and accumulator once per iteration. */
  readonly quantifierStep?: number;
  /** The node is resolved as a qualifier or ternary branch: its evaluation's 1 is not charged. */
  readonly resolvedAttribute?: true;
  /** `has(a.b…)`: the qualifiers of the chain, the root identifier is not evaluated. */
  readonly presenceQualifiers?: number;
}

interface CelEvaluator {
  run(node: AnyNode, context: unknown): unknown;
  tryEval(node: AnyNode, context: unknown): unknown;
}

interface Frame {
  readonly kind: Kind;
  steps: number;
  items: number;
}

/** The cel-js AST as read here: index.d.ts does not list the macro expansions' nodes (comprehension, accuValue, accuInc, accuPush). */
interface AnyNode {
  readonly op: string;
  readonly args: unknown;
  readonly meta?: { readonly alternate?: AnyNode };
}

const isNode = (value: unknown): value is AnyNode => typeof value === 'object' && value !== null && 'op' in value && 'args' in value;

/** The Interpretable for the node would be an InterpretableAttribute (planIdent, planSelect, planCallIndex, planCallConditional). */
function isAttribute(node: AnyNode): boolean {
  switch (node.op) {
    case 'id':
    case '.':
    case '.?':
    case '[]':
    case '[?]':
    case '?:':
      return true;
    case 'call':
      return (node.args as [string])[0] === 'has';
    default:
      return false;
  }
}

/** Whether the attribute's own evaluation was charged 1 (a conditional or presence test is free). */
function chargedAttribute(node: AnyNode): boolean {
  let current = node;
  while (current.op === '.' || current.op === '.?' || current.op === '[]' || current.op === '[?]') {
    const operand = (current.args as [AnyNode])[0];
    if (!isAttribute(operand)) return true; // relative attribute: charged at the first qualifier
    current = operand;
  }
  return current.op === 'id';
}

/** cel-go's parser reads `-1` as one literal (literal: sign=MINUS? NUM_INT), cel-js as a negation of 1. */
function isNegativeLiteral(node: AnyNode): boolean {
  const operand = node.args as AnyNode;
  return operand.op === 'value' && (typeof operand.args === 'bigint' || typeof operand.args === 'number');
}

/** decOptimize: the Interpretable is a constant after planning. */
function isConstant(node: AnyNode): boolean {
  switch (node.op) {
    case 'value':
      return true;
    case '-_':
      return isNegativeLiteral(node);
    case 'list':
      return (node.args as AnyNode[]).every(isConstant);
    case 'map':
      return (node.args as [AnyNode, AnyNode][]).every(([key, value]) => isConstant(key) && isConstant(value));
    case 'call': {
      const [name, args] = node.args as [string, AnyNode[]];
      return CONVERSIONS.has(name) && args.length === 1 && isConstant(args[0]);
    }
    case 'in': {
      const right = (node.args as [AnyNode, AnyNode])[1];
      return right.op === 'list' && (right.args as AnyNode[]).length === 0; // maybeOptimizeSetMembership: empty list → false
    }
    default:
      return false;
  }
}

/** maybeOptimizeSetMembership: a constant list of primitive values becomes a set (no call, no cost). */
function isConstantSet(node: AnyNode): boolean {
  return node.op === 'list' && (node.args as AnyNode[]).every((element) => element.op === 'value' && element.args !== null && !(element.args instanceof Uint8Array));
}

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  const visit = (value: unknown): void => {
    if (isNode(value)) out.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
  };
  visit(node.args);
  return out;
}

/** A plan of the roles of a parsed selector's nodes, built once per compiled expression. */
export class RuntimeCostPlan {
  readonly roles = new Map<AnyNode, Role>();
  readonly constants = new Set<AnyNode>();

  constructor(root: ASTNode) {
    this.visit(root as unknown as AnyNode);
  }

  private add(node: AnyNode, role: Role): void {
    this.roles.set(node, { ...this.roles.get(node), ...role });
  }

  private visit(node: AnyNode): void {
    if ((node.op === 'list' || node.op === 'map' || node.op === 'call' || node.op === '-_') && isConstant(node)) this.constants.add(node);
    if (node.op === 'in' && isConstant(node)) this.constants.add(node);
    switch (node.op) {
      case '[]':
      case '[?]': {
        const key = (node.args as [AnyNode, AnyNode])[1];
        if (isAttribute(key) && chargedAttribute(key)) this.add(key, { resolvedAttribute: true });
        break;
      }
      case '?:': {
        const [, whenTrue, whenFalse] = node.args as [AnyNode, AnyNode, AnyNode];
        for (const branch of [whenTrue, whenFalse]) if (isAttribute(branch) && chargedAttribute(branch)) this.add(branch, { resolvedAttribute: true });
        break;
      }
      case 'call': {
        const [name, args] = node.args as [string, AnyNode[]];
        if (name === 'has' && args.length === 1) {
          let qualifiers = 0;
          for (let current = args[0]; current.op === '.' || current.op === '.?'; current = (current.args as [AnyNode])[0]) qualifiers++;
          this.add(node, { presenceQualifiers: qualifiers });
          return; // cel-js reads the chain's fields itself: only the root identifier is evaluated
        }
        break;
      }
      case 'rcall': {
        const [name, receiver] = node.args as [string, AnyNode];
        const comprehension = node.meta?.alternate;
        if (MACROS.has(name) && comprehension?.op === 'comprehension') {
          const kind = name as Kind;
          this.add(node, { macro: kind });
          this.add(receiver, { range: true });
          const { step } = comprehension.args as { step: AnyNode };
          if (kind === 'all' || kind === 'exists') this.add(step, { quantifierStep: kind === 'all' ? 3 : 4 });
          this.visitComprehension(comprehension);
          this.visit(receiver);
          return;
        }
        break;
      }
    }
    for (const child of children(node)) this.visit(child);
  }

  /** The expanded step: the user's predicate/transform inside synthetic nodes (accuPush, accuInc, accuValue, ternaries over literals). */
  private visitComprehension(comprehension: AnyNode): void {
    const { step, init } = comprehension.args as { step: AnyNode; init: AnyNode };
    this.visit(init); // true, false, 0 or [] (a constant list)
    const visitStep = (node: AnyNode): void => {
      if (node.op === '?:' || node.op === 'accuPush') {
        for (const child of children(node)) visitStep(child);
        return;
      }
      if (node.op === 'accuInc' || node.op === 'accuValue' || node.op === 'value') return;
      this.visit(node);
    };
    visitStep(step);
  }
}

/** cel-go actualSize: strings count code points, lists and maps their entries; every other value is 1. */
function actualSize(value: unknown): number {
  if (typeof value === 'string') {
    let size = value.length;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (code >= 0xd800 && code <= 0xdbff) size--;
    }
    return size;
  }
  if (Array.isArray(value)) return value.length;
  if (value instanceof Uint8Array) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  if (typeof value === 'object' && value !== null) {
    const entries = (value as { entries?: unknown }).entries;
    if (entries instanceof Map) return entries.size; // the device's domain maps (device-cel-environment.ts)
    if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) return Object.keys(value).length;
  }
  return 1;
}

const traversal = (size: number, factor: number): number => Math.ceil(size * factor);

/** library/cost.go traversalCost: strings ⌊0.1 × length⌋, containers the sum over their entries, else 1. */
function traversalCost(value: unknown): number {
  if (typeof value === 'string' || value instanceof Uint8Array) return Math.trunc(actualSize(value) * STRING_TRAVERSAL);
  if (Array.isArray(value)) return value.reduce((sum: number, element) => sum + traversalCost(element), 0);
  if (value instanceof Map) {
    let sum = 0;
    for (const [key, element] of value) sum += traversalCost(key) + traversalCost(element);
    return sum;
  }
  return 1;
}

const isText = (value: unknown): boolean => typeof value === 'string' || value instanceof Uint8Array;

/**
 * The price of one call: library/cost.go CallCost (by function name) first,
 * then cel-go's costCall defaults (by overload), else 1. `args` holds the
 * receiver first for receiver-style calls, as cel-go passes them.
 */
export function callCost(name: string, receiverStyle: boolean, args: readonly unknown[], result: unknown): number {
  switch (name) {
    case 'isSorted':
    case 'sum':
    case 'max':
    case 'min':
    case 'indexOf':
    case 'lastIndexOf':
      return args.length > 0 ? traversalCost(args[0]) : 0;
    case 'url':
    case 'lowerAscii':
    case 'upperAscii':
    case 'substring':
    case 'trim':
    case 'quantity':
    case 'isQuantity':
      if (args.length >= 1) return traversal(actualSize(args[0]), STRING_TRAVERSAL);
      break;
    case 'replace':
    case 'split':
      if (args.length >= 1) return traversal(actualSize(args[0]), 2 * STRING_TRAVERSAL);
      break;
    case 'join':
      if (args.length >= 1) return traversal(actualSize(result), 2 * STRING_TRAVERSAL);
      break;
    case 'find':
    case 'findAll':
      if (args.length >= 2) return traversal(1 + actualSize(args[0]), STRING_TRAVERSAL) * traversal(actualSize(args[1]), REGEX_LENGTH);
      break;
    case 'sign':
    case 'asInteger':
    case 'isInteger':
    case 'asApproximateFloat':
    case 'isGreaterThan':
    case 'isLessThan':
    case 'compareTo':
    case 'add':
    case 'sub':
      return 1;
  }
  // cel-go costCall defaults, by overload.
  if (receiverStyle && (name === 'startsWith' || name === 'endsWith') && isText(args[0])) return traversal(actualSize(args[0]), STRING_TRAVERSAL);
  if (receiverStyle && name === 'matches' && args.length === 2) {
    return traversal(1 + actualSize(args[0]), STRING_TRAVERSAL) * traversal(actualSize(args[1]), REGEX_LENGTH);
  }
  if (receiverStyle && name === 'contains' && args.length === 2 && isText(args[0])) {
    return traversal(actualSize(args[0]), STRING_TRAVERSAL) * traversal(actualSize(args[1]), STRING_TRAVERSAL);
  }
  if (!receiverStyle && args.length === 1 && ((name === 'bytes' && typeof args[0] === 'string') || (name === 'string' && args[0] instanceof Uint8Array))) {
    return traversal(actualSize(args[0]), STRING_TRAVERSAL);
  }
  return 1;
}

/** The price of an operator node given its operands' values (cel-go costCall by overload). */
function operatorCost(op: string, left: unknown, right: unknown): number {
  switch (op) {
    case '==':
    case '!=':
      return traversal(Math.min(actualSize(left), actualSize(right)), STRING_TRAVERSAL);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return isText(left) && isText(right) ? traversal(Math.min(actualSize(left), actualSize(right)), STRING_TRAVERSAL) : 1;
    case '+':
      return isText(left) && isText(right) ? traversal(actualSize(left) + actualSize(right), STRING_TRAVERSAL) : 1;
    case 'in':
      return Array.isArray(right) ? right.length : 1;
    default:
      return 1;
  }
}

/** One counted evaluation. */
class CostCounter {
  cost = 0;
  exceeded = false;
  private readonly frames: Frame[] = [];
  /** Operand values of the node being priced, by node (only for operators and calls). */
  private readonly values = new Map<AnyNode, unknown>();

  constructor(
    private readonly plan: RuntimeCostPlan,
    private readonly limit: number,
  ) {}

  charge(amount: number): void {
    this.cost += amount;
    if (this.cost > this.limit) {
      this.exceeded = true;
      throw new CostLimitExceeded();
    }
  }

  /** Runs `node` through cel-js with `evaluator` (the counting facade) and prices it. */
  run(evaluator: CelEvaluator, node: AnyNode, context: unknown): unknown {
    const role = this.plan.roles.get(node);
    if (role === undefined) return this.price(node, this.evaluate(evaluator, node, context));
    if (role.quantifierStep !== undefined) {
      this.frames[this.frames.length - 1].steps++;
      this.charge(role.quantifierStep);
      return this.evaluate(evaluator, node, context);
    }
    if (role.macro !== undefined) {
      const frame: Frame = { kind: role.macro, steps: 0, items: 0 };
      this.frames.push(frame);
      try {
        const value = this.evaluate(evaluator, node, context);
        this.values.set(node, value);
        this.charge(macroResultCost(frame));
        return value;
      } finally {
        this.frames.pop();
      }
    }
    // An attribute resolved rather than evaluated, or the root of a presence test: the 1 its subtree charges for the attribute's evaluation is not cel-go's.
    if (role.resolvedAttribute || role.presenceQualifiers !== undefined) this.cost--;
    const value = this.price(node, this.evaluate(evaluator, node, context));
    if (role.range) this.frames[this.frames.length - 1].items = actualSize(value);
    if (role.presenceQualifiers !== undefined) this.charge(role.presenceQualifiers);
    return value;
  }

  private evaluate(evaluator: CelEvaluator, node: AnyNode, context: unknown): unknown {
    return (node as unknown as { evaluate(ev: CelEvaluator, ast: AnyNode, ctx: unknown): unknown }).evaluate(evaluator, node, context);
  }

  /** Records the node's value for its parent's price, and charges the node's own price. */
  private price(node: AnyNode, value: unknown): unknown {
    this.values.set(node, value);
    switch (node.op) {
      case 'value':
      case 'accuValue':
      case '&&':
      case '||':
      case '?:':
        break;
      case 'id':
        this.charge(1);
        break;
      case '.':
      case '.?':
      case '[]':
      case '[?]':
        this.charge(isAttribute((node.args as [AnyNode])[0]) ? 1 : 2);
        break;
      case 'list':
        if (!this.plan.constants.has(node)) this.charge(LIST_CREATE);
        break;
      case 'map':
        if (!this.plan.constants.has(node)) this.charge(MAP_CREATE);
        break;
      case 'accuInc':
        this.charge(2); // accu + 1: the accumulator 1, the addition 1
        break;
      case 'accuPush':
        this.charge(12); // accu + [e]: the accumulator 1, the list 10, the concatenation 1
        break;
      case '!_':
        this.charge(1);
        break;
      case '-_':
        if (!this.plan.constants.has(node)) this.charge(1);
        break;
      case 'call': {
        if (this.plan.constants.has(node)) break;
        const [name, args] = node.args as [string, AnyNode[]];
        if (name === 'has') break; // priced by its role
        this.charge(callCost(name, false, args.map((argument) => this.values.get(argument)), value));
        break;
      }
      case 'rcall': {
        const [name, receiver, args] = node.args as [string, AnyNode, AnyNode[]];
        if (receiver.op === 'id' && receiver.args === 'cel') break; // cel.bind: a comprehension over [] (constant) priced by its parts
        this.charge(callCost(name, true, [this.values.get(receiver), ...args.map((argument) => this.values.get(argument))], value));
        break;
      }
      case 'in': {
        if (this.plan.constants.has(node)) break;
        const [left, right] = node.args as [AnyNode, AnyNode];
        if (isConstantSet(right)) break;
        this.charge(operatorCost('in', this.values.get(left), this.values.get(right)));
        break;
      }
      default: {
        const [left, right] = node.args as [AnyNode, AnyNode];
        this.charge(operatorCost(node.op, this.values.get(left), this.values.get(right)));
      }
    }
    return value;
  }
}

function macroResultCost(frame: Frame): number {
  const stoppedEarly = frame.steps < frame.items;
  switch (frame.kind) {
    case 'all':
      return 1 + (stoppedEarly ? 2 : 0);
    case 'exists':
      return 1 + (stoppedEarly ? 3 : 0);
    case 'exists_one':
      return 2;
    default:
      return 1;
  }
}

type EvaluateFunction = (evaluator: CelEvaluator, node: AnyNode, context: unknown) => unknown;

let active: CostCounter | undefined;
const facades = new WeakMap<object, CelEvaluator>();

/** The counting evaluator: cel-js's own evaluator, with `run`/`tryEval` pricing each node for the active counter. */
function facadeFor(evaluator: CelEvaluator): CelEvaluator {
  let facade = facades.get(evaluator);
  if (facade !== undefined) return facade;
  const target: Record<string, unknown> = {};
  for (let source: object | null = evaluator; source !== null && source !== Object.prototype; source = Object.getPrototypeOf(source) as object | null) {
    for (const key of Object.getOwnPropertyNames(source)) {
      if (key === 'constructor' || key in target) continue;
      const value = (evaluator as unknown as Record<string, unknown>)[key];
      target[key] = typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(evaluator) : value;
    }
  }
  const counting: CelEvaluator = Object.assign(target, {
    run: (node: AnyNode, context: unknown) => (active as CostCounter).run(counting, node, context),
    tryEval: (node: AnyNode, context: unknown) => {
      try {
        return (active as CostCounter).run(counting, node, context);
      } catch (error) {
        if (error instanceof CostLimitExceeded) throw error;
        return error;
      }
    },
  });
  facades.set(evaluator, counting);
  return counting;
}

export interface CountedResult {
  readonly value: unknown;
  readonly cost: number;
}

/**
 * Evaluates `program` on `context` while counting cel-go's actual cost;
 * throws CostLimitExceeded as soon as the cost exceeds `limit` (cel-go's
 * check after every observed step), and rethrows cel-js's evaluation errors.
 */
export function evaluateCounted(program: ParseResult, plan: RuntimeCostPlan, context: Record<string, unknown>, limit: number): CountedResult {
  const root = program.ast as unknown as { evaluate: EvaluateFunction };
  const own = Object.getOwnPropertyDescriptor(root, 'evaluate');
  const restore = (): void => {
    if (own) Object.defineProperty(root, 'evaluate', own);
    else delete (root as { evaluate?: EvaluateFunction }).evaluate;
  };
  const counter = new CostCounter(plan, limit);
  const outer = active;
  root.evaluate = (evaluator, node, ctx) => {
    restore();
    active = counter;
    return facadeFor(evaluator).run(node, ctx);
  };
  try {
    const value: unknown = program(context);
    if (counter.exceeded) throw new CostLimitExceeded();
    return { value, cost: counter.cost };
  } catch (error) {
    if (counter.exceeded) throw new CostLimitExceeded();
    throw error;
  } finally {
    restore();
    active = outer;
  }
}
