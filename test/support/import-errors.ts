import { importCluster } from '../../src/kube/cluster-import.js';
import { InvalidInputError, type FieldError } from '../../src/kube/field-error.js';

/** The field errors importCluster refuses `objects` with; none when it accepts them. Any other error is thrown. */
export function importErrors(objects: unknown[]): FieldError[] {
  try {
    importCluster(objects);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors;
    throw error;
  }
  return [];
}
