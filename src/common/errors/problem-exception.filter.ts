import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { GraphQLError } from 'graphql';
import { INTERNAL_PROBLEM, toProblem, type Problem } from './problem.js';
import { sendProblem, toGraphQLError } from './problem-response.js';

/**
 * The one place exceptions become responses: application/problem+json
 * (RFC 9457) over REST, with the request id as its `instance` (the
 * occurrence, findable in the logs); a GraphQLError with `extensions.code`
 * and the same `errors` list over GraphQL (GraphQLTelemetryPlugin adds
 * `extensions.requestId`).
 */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): GraphQLError | void {
    const problem = toProblem(exception) ?? this.unexpected(exception);
    if (host.getType<string>() === 'graphql') return toGraphQLError(problem);
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    sendProblem(response, problem);
  }

  private unexpected(exception: unknown): Problem {
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return INTERNAL_PROBLEM;
  }
}
