import { describedEnum } from './described-enum.js';

/** `fieldValidation` of every mutation that takes Kubernetes objects, as the API server's query parameter of that name. */
export enum FieldValidation {
  Strict = 'Strict',
  Warn = 'Warn',
  Ignore = 'Ignore',
}
describedEnum(FieldValidation, 'FieldValidation', 'Unknown fields in submitted objects: Strict (default) refuses them (BAD_USER_INPUT with their paths and a "did you mean" hint), Warn lists them in `warnings`, Ignore drops them', {
  Strict: 'refuse unknown fields (BAD_USER_INPUT with their paths and a hint)',
  Warn: 'accept them and list them in warnings',
  Ignore: 'drop them silently',
});

export const FIELD_VALIDATION_DESCRIPTION = 'what unknown fields in the submitted objects do (default Strict, as kubectl)';
