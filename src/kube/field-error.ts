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
