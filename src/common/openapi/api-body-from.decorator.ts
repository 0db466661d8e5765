/**
 * Declares a route's JSON request body from the zod schema that validates it
 * (one source of truth), with named examples. YAML forms of the same route
 * are declared with ApiConsumes; openapi-document.ts describes them as text.
 */
import { ApiBody, type ExamplesObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchemaOf } from './zod-openapi-schema.js';

export interface BodyDocumentation {
  readonly description?: string;
  /** Named request examples, shown by Swagger UI and kept in the document. */
  readonly examples?: ExamplesObject;
  /** false: the route takes no body as `{}` (every field optional). */
  readonly required?: boolean;
}

export function ApiBodyFrom(schema: z.ZodType, documentation: BodyDocumentation = {}): MethodDecorator {
  return ApiBody({
    required: documentation.required ?? true,
    schema: openApiSchemaOf(schema),
    ...(documentation.description === undefined ? {} : { description: documentation.description }),
    ...(documentation.examples === undefined ? {} : { examples: documentation.examples }),
  });
}
