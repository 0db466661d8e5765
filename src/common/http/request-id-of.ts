/**
 * The request id of an Express request: assigned by the observability room's
 * RequestTelemetry before anything else runs, read here by whatever answers
 * (problem documents name it as their `instance`).
 */
export function requestIdOf(request: { id?: unknown } | undefined): string | undefined {
  return typeof request?.id === 'string' ? request.id : undefined;
}
