/**
 * Declares a route's query parameters from the zod object schema that parses
 * them: name, required, type, bounds, default, enum, description and example
 * all come from the schema (its `.meta()`), so the document cannot say other
 * than the validation does.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiQuery } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiPropertiesOf } from './zod-openapi-schema.js';

export interface QueryDocumentation {
  /** Said after each parameter's own description, e.g. "with a YAML body". */
  readonly note?: string;
  /** Parameters read only for some bodies (a YAML upload's options) are never required of every request. */
  readonly neverRequired?: boolean;
}

export function ApiQueryFrom(schema: z.ZodObject, documentation: QueryDocumentation = {}): MethodDecorator {
  return applyDecorators(
    ...openApiPropertiesOf(schema).map(({ name, required, schema: property }) => {
      const { description, example, ...described } = property as typeof property & { example?: unknown };
      const said = [description, documentation.note].filter((part) => part !== undefined).join(' — ');
      return ApiQuery({
        name,
        required: required && documentation.neverRequired !== true,
        schema: described,
        ...(said === '' ? {} : { description: said }),
        ...(example === undefined ? {} : { example }),
      });
    }),
  );
}

/** Declares path parameters from the zod object schema that parses them (e.g. revision numbers). */
export function ApiPathFrom(schema: z.ZodObject): MethodDecorator {
  return applyDecorators(
    ...openApiPropertiesOf(schema).map(({ name, schema: property }) => {
      const { description, ...described } = property;
      return ApiParam({ name, required: true, schema: described, ...(description === undefined ? {} : { description }) });
    }),
  );
}
