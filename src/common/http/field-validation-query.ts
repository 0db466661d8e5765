/**
 * `?fieldValidation=Strict|Warn|Ignore` on every route that takes Kubernetes
 * objects, as the API server names it (default Strict, as kubectl): unknown
 * fields are refused, listed in the answer's `warnings`, or dropped.
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiQueryFrom } from '../openapi/api-query-from.decorator.js';
import type { Request } from 'express';
import { z } from 'zod';
import { DEFAULT_FIELD_VALIDATION, FIELD_VALIDATION_MODES, fieldValidationModeOf, type FieldValidationMode } from '../../kube/field-validation/field-validation-mode.js';
import { parseInput } from '../validation/parse-input.js';

export const fieldValidationParameter = z
  .string()
  .transform((value, context) => {
    const mode = fieldValidationModeOf(value);
    if (mode === undefined) context.addIssue({ code: 'custom', message: `must be one of ${FIELD_VALIDATION_MODES.join(', ')}` });
    return mode ?? DEFAULT_FIELD_VALIDATION;
  })
  .optional()
  .transform((mode) => mode ?? DEFAULT_FIELD_VALIDATION)
  .meta({
    // Matched case-insensitively, as the API server does; the document lists the canonical spellings.
    enum: [...FIELD_VALIDATION_MODES],
    default: DEFAULT_FIELD_VALIDATION,
    description: 'unknown fields in submitted objects: Strict (default) refuses them with their path and a "did you mean" hint, Warn lists them in `warnings`, Ignore drops them',
  });

export const fieldValidationQuery = z.object({ fieldValidation: fieldValidationParameter });

/** The request's field validation mode, validated (a bad value is a 400 naming `fieldValidation`) and declared in the OpenAPI document. */
export function FieldValidationQuery(): ParameterDecorator {
  const read = createParamDecorator((_data: unknown, context: ExecutionContext): FieldValidationMode => {
    const request = context.switchToHttp().getRequest<Request>();
    return parseInput(fieldValidationQuery, request.query).fieldValidation;
  })();
  const declare = ApiQueryFrom(fieldValidationQuery);
  return (target, key, index) => {
    read(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) declare(target, key, descriptor);
  };
}
