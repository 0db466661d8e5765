/**
 * The OpenAPI 3.0 schema of a zod schema that validates request input, so the
 * published document is derived from the same schema the route parses with
 * (one source of truth). The input side is described (`io: 'input'`): what a
 * client sends, before defaults and transforms apply.
 */
import { z } from 'zod';
import type { SchemaObject } from '@nestjs/swagger';

export function openApiSchemaOf(schema: z.ZodType): SchemaObject {
  // Refinements and transforms have no JSON Schema form; the shape they refine does ('any' keeps the rest).
  const { $schema: _dialect, ...described } = z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' });
  return described as SchemaObject;
}

/** The properties of an object schema (a query string's parameters, a body's fields). */
export function openApiPropertiesOf(schema: z.ZodObject): { name: string; required: boolean; schema: SchemaObject }[] {
  const described = openApiSchemaOf(schema);
  const required = new Set(described.required ?? []);
  return Object.entries(described.properties ?? {}).map(([name, property]) => ({
    name,
    required: required.has(name),
    schema: property as SchemaObject,
  }));
}
