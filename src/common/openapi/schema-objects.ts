/**
 * Small builders for the OpenAPI 3.0 response schemas the REST results
 * declare (components.schemas, registered by openapi-document.ts), so every
 * schema file writes objects, references and nullable fields the same way.
 */
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

export type Schema = SchemaObject | ReferenceObject;

/** A reference to a schema of components.schemas. */
export const schemaRef = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** A value that may be null (OpenAPI 3.0 `nullable`). */
export const nullable = (type: 'string' | 'number' | 'integer', more: SchemaObject = {}): SchemaObject => ({ type, nullable: true, ...more });

export const arrayOf = (items: Schema, description?: string): SchemaObject => ({ type: 'array', items, ...(description === undefined ? {} : { description }) });

/** A map of names to counts, e.g. replicas per node. */
export const countsByName = (description: string): SchemaObject => ({ type: 'object', additionalProperties: { type: 'integer' }, description });

function objectSchema(properties: Record<string, Schema>, required: readonly string[], additionalProperties: boolean, description?: string): SchemaObject {
  return { type: 'object', properties, required: [...required], additionalProperties, ...(description === undefined ? {} : { description }) };
}

/** An object whose every field is named here: an undeclared field in an answer is drift, and the response-schema test fails on it. */
export const closedObject = (properties: Record<string, Schema>, required: readonly string[], description?: string): SchemaObject =>
  objectSchema(properties, required, false, description);

/** An object that may carry more than is named here (explanations that grow). */
export const openObject = (properties: Record<string, Schema>, required: readonly string[], description?: string): SchemaObject =>
  objectSchema(properties, required, true, description);
