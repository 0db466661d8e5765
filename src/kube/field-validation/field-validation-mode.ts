/**
 * What to do with fields a submitted object's schema does not declare, as
 * the API server's `fieldValidation` query parameter names it (kubectl's
 * default is Strict): refuse the request (`Strict`), answer with warnings
 * (`Warn`), or drop them silently (`Ignore`).
 */
export const FIELD_VALIDATION_MODES = ['Strict', 'Warn', 'Ignore'] as const;

export type FieldValidationMode = (typeof FIELD_VALIDATION_MODES)[number];

export const DEFAULT_FIELD_VALIDATION: FieldValidationMode = 'Strict';

/** Case-insensitive, as kubectl's `--validate=strict|warn|ignore`; undefined when the value names no mode. */
export function fieldValidationModeOf(value: string): FieldValidationMode | undefined {
  const lower = value.toLowerCase();
  return FIELD_VALIDATION_MODES.find((mode) => mode.toLowerCase() === lower);
}
