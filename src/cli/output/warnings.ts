/** Warnings go to stderr, one a line with their path, so `-o json > plan.json` stays clean. */
import type { FieldError } from '../../kube/field-error.js';
import type { OutputStream } from '../cli-io.js';

export function writeWarnings(stream: OutputStream, warnings: readonly FieldError[]): void {
  for (const warning of warnings) stream.write(`warning: ${warning.path}: ${warning.message}\n`);
}
