/**
 * spec.schedulingGates, as core validation.go validateSchedulingGates: each
 * gate's name is a qualified name (ValidateQualifiedName), and no name
 * appears twice (field.Duplicate at the repeated entry).
 */
import type { FieldError } from '../field-error.js';
import { isJsonObject } from '../json-object.js';
import { validateLabelKey } from '../labels.js';
import { invalid, listAt, wrongType } from './field-errors.js';

export function validateSchedulingGates(gates: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  listAt(gates, path, errors).forEach((gate, index) => {
    const gatePath = `${path}[${index}]`;
    if (!isJsonObject(gate)) {
      errors.push(wrongType(gatePath, 'an object'));
      return;
    }
    // An absent name decodes as "" and fails the qualified-name check like any other bad name.
    const name = gate.name ?? '';
    if (typeof name !== 'string') {
      errors.push(wrongType(`${gatePath}.name`, 'a string'));
      return;
    }
    // Upstream reports these at the entry itself, not at its name.
    errors.push(...validateLabelKey(name).map((message) => invalid(gatePath, name, message)));
    if (seen.has(name)) errors.push({ path: gatePath, message: `Duplicate value: ${JSON.stringify(name)}` });
    seen.add(name);
  });
  return errors;
}
