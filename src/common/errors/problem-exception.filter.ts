import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { INTERNAL_PROBLEM, problemType, toProblem, type Problem } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The one place exceptions become responses: application/problem+json
 * (RFC 9457) over REST, a GraphQLError with `extensions.code` and the same
 * `errors` list over GraphQL.
 */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): GraphQLError | void {
    const problem = toProblem(exception) ?? this.unexpected(exception);
    if (host.getType<string>() === 'graphql') return toGraphQLError(problem);
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (problem.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          type: problemType(problem.code),
          title: problem.title,
          status: problem.status,
          detail: problem.detail,
          errors: problem.errors,
        }),
      );
  }

  private unexpected(exception: unknown): Problem {
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return INTERNAL_PROBLEM;
  }
}

export function toGraphQLError(problem: Problem): GraphQLError {
  return new GraphQLError(problem.detail, {
    extensions: {
      code: problem.code,
      status: problem.status,
      errors: problem.errors,
      ...(problem.retryAfterSeconds !== undefined ? { retryAfter: problem.retryAfterSeconds } : {}),
    },
  });
}
