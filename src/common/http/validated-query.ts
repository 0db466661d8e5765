/**
 * `@ValidatedQuery(schema)`: the route's query string parsed by `schema`
 * (a bad value is a 400 naming the parameter) and declared in the OpenAPI
 * document from the same schema, so what is read and what is published are
 * one thing.
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import { ApiQueryFrom, type QueryDocumentation } from '../openapi/api-query-from.decorator.js';
import { parseInput } from '../validation/parse-input.js';

// The schema travels wrapped under its own key: Nest takes an argument with a `transform` method (every zod schema has one)
// for a pipe, and `{ schema }` for its own Standard Schema options.
const parsedQuery = createParamDecorator(({ querySchema }: { querySchema: z.ZodObject }, context: ExecutionContext) =>
  parseInput(querySchema, context.switchToHttp().getRequest<Request>().query),
);

export function ValidatedQuery(schema: z.ZodObject, documentation: QueryDocumentation = {}): ParameterDecorator {
  const declare = ApiQueryFrom(schema, documentation);
  return (target, key, index) => {
    parsedQuery({ querySchema: schema })(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) declare(target, key, descriptor);
  };
}
