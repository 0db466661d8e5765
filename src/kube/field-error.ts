/** A problem with one field of submitted input, located by its path in the request document. */
export interface FieldError {
  /** e.g. `objects[3].status.allocatable.cpu`, `workloads[0].spec.selector` */
  path: string;
  message: string;
}

/** Thrown by pure input-handling code; mapped to 400 problem+json / BAD_USER_INPUT at the edge. */
export class InvalidInputError extends Error {
  constructor(
    readonly errors: FieldError[],
    message = errors.length === 1 ? `${errors[0].path}: ${errors[0].message}` : `${errors.length} invalid fields`,
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** Map keys that read naturally after a dot: `requests.cpu`, `allocatable.ephemeral-storage`. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * The path of a map entry: `allocatable.cpu` for plain keys, and the API
 * server's bracket form for keys with dots or slashes, where a dot would be
 * ambiguous: `labels[app.kubernetes.io/name]`, `limits[nvidia.com/gpu]`.
 */
export function mapKeyPath(path: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${path}.${key}` : `${path}[${key}]`;
}
