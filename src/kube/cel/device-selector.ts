/**
 * Compiling and evaluating DRA device selectors
 * (k8s.io/dynamic-resource-allocation/cel/compile.go CompileCELExpression
 * and CompilationResult.DeviceMatches), over cel-js.
 *
 * Compile errors read as upstream's ("compilation failed: …", "must evaluate
 * to bool or the unknown type, not int"); the worst-case cost is estimated as
 * selector-cost.ts says. Evaluation counts the actual cost as cel-go does
 * (selector-runtime-cost.ts) under compile.go's runtime limit,
 * cel.CostLimit(CELSelectorExpressionMaxCost): past it the evaluation fails
 * with cel-go's "operation cancelled: actual cost limit exceeded"
 * (docs/dra-allocator.md "CEL cost").
 */
import type { ParseResult } from '@marcbachmann/cel-js';
import { CelQuantity } from './cel-quantity.js';
import { deviceCelEnvironment, deviceDomainsValue } from './device-cel-environment.js';
import { CEL_SELECTOR_EXPRESSION_MAX_COST, estimateSelectorCost } from './selector-cost.js';
import { CostLimitExceeded, evaluateCounted, RuntimeCostPlan } from './selector-runtime-cost.js';
import { Semver } from './semver.js';

/** resourceapi.CELSelectorExpressionMaxLength. */
export const CEL_SELECTOR_EXPRESSION_MAX_LENGTH = 10 * 1024;

/** A device attribute as the v1 API has it: exactly one value. */
export interface DeviceAttributeValue {
  readonly int?: number | string;
  readonly bool?: boolean;
  readonly string?: string;
  readonly version?: string;
}

/** The input of a selector (compile.go Device). */
export interface SelectorDevice {
  readonly driver: string;
  /** DRAConsumableCapacity's `device.allowMultipleAllocations` (compile.go multiAllocVar): false when unset. */
  readonly allowMultipleAllocations?: boolean;
  readonly attributes?: Readonly<Record<string, DeviceAttributeValue>>;
  readonly capacity?: Readonly<Record<string, { readonly value?: string | number }>>;
}

export class SelectorRuntimeError extends Error {}

export interface CompiledSelector {
  readonly expression: string;
  /** Set when the expression does not compile: the detail as upstream words it. */
  readonly error?: string;
  /** Worst-case cost (Number.MAX_SAFE_INTEGER: unbounded or not compiled). */
  readonly maxCost: number;
  /** Evaluates against a device; throws SelectorRuntimeError as DeviceMatches returns an error. */
  matches(device: SelectorDevice): boolean;
  /** As matches, with cel-go's actual cost of the evaluation (details.ActualCost()). */
  evaluate(device: SelectorDevice): SelectorEvaluation;
}

export interface SelectorEvaluation {
  readonly matches: boolean;
  readonly actualCost: number;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** compile.go parseQualifiedName: the driver is the domain of unqualified names. */
function splitQualifiedName(name: string, driver: string): [string, string] {
  const slash = name.indexOf('/');
  return slash === -1 ? [driver, name] : [name.slice(0, slash), name.slice(slash + 1)];
}

/** compile.go getAttributeValue. */
function attributeValue(name: string, attribute: DeviceAttributeValue): unknown {
  if (attribute.int !== undefined) return BigInt(attribute.int);
  if (attribute.bool !== undefined) return attribute.bool;
  if (attribute.string !== undefined) return attribute.string;
  if (attribute.version !== undefined) {
    try {
      return Semver.parse(attribute.version);
    } catch (error) {
      throw new SelectorRuntimeError(`attribute ${name}: parse semantic version: ${(error as Error).message}`);
    }
  }
  throw new SelectorRuntimeError(`attribute ${name}: unsupported attribute value`);
}

function byDomain<T>(entries: Readonly<Record<string, T>> | undefined, driver: string, convert: (name: string, value: T) => unknown): Map<string, Map<string, unknown>> {
  const domains = new Map<string, Map<string, unknown>>();
  for (const [name, value] of Object.entries(entries ?? {})) {
    const [domain, id] = splitQualifiedName(name, driver);
    let inner = domains.get(domain);
    if (inner === undefined) domains.set(domain, (inner = new Map()));
    inner.set(id, convert(name, value));
  }
  return domains;
}

function celDevice(device: SelectorDevice): Record<string, unknown> {
  return {
    driver: device.driver,
    allowMultipleAllocations: device.allowMultipleAllocations === true,
    attributes: deviceDomainsValue(byDomain(device.attributes, device.driver, attributeValue)),
    capacity: deviceDomainsValue(byDomain(device.capacity, device.driver, (_name, capacity) => new CelQuantity(String(capacity.value ?? '0')))),
  };
}

/** cel-go's runtime error texts where cel-js words them differently. */
function runtimeMessage(error: unknown): string {
  const message = firstLine(error instanceof Error ? error.message : String(error));
  return message.replace(/^No such key: /, 'no such key: ');
}

class CompiledDeviceSelector implements CompiledSelector {
  private costPlan: RuntimeCostPlan | undefined;

  constructor(
    readonly expression: string,
    readonly maxCost: number,
    private readonly program: ParseResult | undefined,
    readonly error?: string,
  ) {}

  matches(device: SelectorDevice): boolean {
    return this.evaluate(device).matches;
  }

  evaluate(device: SelectorDevice): SelectorEvaluation {
    if (this.program === undefined) throw new SelectorRuntimeError(this.error ?? 'not compiled');
    this.costPlan ??= new RuntimeCostPlan(this.program.ast);
    let result: unknown;
    let actualCost: number;
    try {
      ({ value: result, cost: actualCost } = evaluateCounted(this.program, this.costPlan, { device: celDevice(device) }, CEL_SELECTOR_EXPRESSION_MAX_COST));
    } catch (error) {
      if (error instanceof SelectorRuntimeError) throw error;
      if (error instanceof CostLimitExceeded) throw new SelectorRuntimeError(error.message);
      throw new SelectorRuntimeError(runtimeMessage(error));
    }
    if (typeof result !== 'boolean') {
      throw new SelectorRuntimeError(`CEL result of type ${typeof result === 'bigint' ? 'int' : Array.isArray(result) ? 'list' : typeof result} could not be converted to bool`);
    }
    return { matches: result, actualCost };
  }
}

/** cel-go's checker texts where cel-js words them differently (cel-go checker/errors.go undeclaredReference). */
function checkerMessage(message: string): string {
  const unknownVariable = /^Unknown variable: (.*)$/.exec(message);
  return unknownVariable ? `undeclared reference to '${unknownVariable[1]}' (in container '')` : message;
}

function compile(expression: string): CompiledSelector {
  const environment = deviceCelEnvironment();
  let program: ParseResult;
  try {
    program = environment.parse(expression);
  } catch (error) {
    return new CompiledDeviceSelector(expression, Number.MAX_SAFE_INTEGER, undefined, `compilation failed: ERROR: <input>: Syntax error: ${firstLine((error as Error).message)}`);
  }
  const checked = program.check();
  if (!checked.valid) {
    return new CompiledDeviceSelector(expression, Number.MAX_SAFE_INTEGER, undefined, `compilation failed: ERROR: <input>: ${checkerMessage(firstLine(checked.error?.message ?? 'invalid expression'))}`);
  }
  if (checked.type !== 'bool' && checked.type !== 'dyn') {
    return new CompiledDeviceSelector(expression, Number.MAX_SAFE_INTEGER, undefined, `must evaluate to bool or the unknown type, not ${checked.type}`);
  }
  return new CompiledDeviceSelector(expression, estimateSelectorCost(program.ast), program);
}

const cache = new Map<string, CompiledSelector>();
/** As celcache.go: a bounded cache of compiled expressions; expressions repeat across classes and claims. */
const CACHE_SIZE = 1024;

export function compileDeviceSelector(expression: string): CompiledSelector {
  let compiled = cache.get(expression);
  if (compiled === undefined) {
    compiled = compile(expression);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(expression, compiled);
  }
  return compiled;
}
