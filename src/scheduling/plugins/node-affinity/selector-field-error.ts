/**
 * Parse errors of node selector terms, rendered as apimachinery's
 * field.Error and utilerrors.Aggregate render them, because upstream puts
 * those strings in statuses (NodeAffinity PreScore) and config errors.
 */
export interface SelectorFieldError {
  /** Field path below the selector, e.g. `[0].matchExpressions[0].key`. */
  readonly path: string;
  /** Everything after `<path>: `, e.g. `Invalid value: "x": name part must…`. */
  readonly body: string;
}

export function childPath(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** Go's %q for the strings we print (JSON escaping agrees for printable text). */
function quote(value: string): string {
  return JSON.stringify(value);
}

/** Go's %#v of a []string: `[]string{"a", "b"}`, or `[]string(nil)` when absent. */
function goStringSlice(values: readonly string[] | undefined): string {
  return values === undefined ? '[]string(nil)' : `[]string{${values.map(quote).join(', ')}}`;
}

export function invalidValue(path: string, value: string | readonly string[] | undefined, detail: string): SelectorFieldError {
  const rendered = typeof value === 'string' ? quote(value) : goStringSlice(value);
  return { path, body: `Invalid value: ${rendered}: ${detail}` };
}

export function unsupportedValue(path: string, value: string, supported: readonly string[]): SelectorFieldError {
  return { path, body: `Unsupported value: ${quote(value)}: supported values: ${supported.map(quote).join(', ')}` };
}

export function fieldErrorMessage(error: SelectorFieldError): string {
  return `${error.path}: ${error.body}`;
}

/** utilerrors.Aggregate.Error(): one message alone, several deduplicated inside `[…]`. */
export function aggregateMessage(errors: readonly SelectorFieldError[]): string {
  const messages = [...new Set(errors.map(fieldErrorMessage))];
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}
