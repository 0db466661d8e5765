/**
 * Errors the command line reports and turns into an exit code. Field errors
 * keep the contract's `{ path, message }` shape, with paths rewritten to the
 * file the user passed (`deployment.yaml[0].spec.replicas`).
 */
import type { FieldError } from '../kube/field-error.js';
import { ExitCode } from './exit-codes.js';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Input the user can fix: flags, files, names. Exit code 2. */
export function badInput(message: string, errors: readonly FieldError[] = []): CliError {
  return new CliError(message, ExitCode.BadInput, errors);
}

/** Everything else. Exit code 1. */
export function failure(message: string): CliError {
  return new CliError(message, ExitCode.Failure);
}
