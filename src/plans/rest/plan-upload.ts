/**
 * Reads a plan request: JSON `{ workloads, schedulerConfig?, … }`, or the
 * workloads themselves as YAML (multi-document, in order) with options in
 * the query string, as `kubectl apply -f` users have them.
 */
import { DomainError } from '../../common/errors/domain-error.js';
import { parseInput } from '../../common/validation/parse-input.js';
import type { OffThreadDocumentParser } from '../../common/parsing/off-thread-document-parser.js';
import { createPlanQuery, simulationQuery } from '../domain/plan-requests.js';
import { JSON_MEDIA_TYPE, YAML_MEDIA_TYPES } from '../../topologies/rest/topology-upload.js';

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The request body as a plan (or simulation) JSON object; a YAML body becomes
 * `{ workloads, ...options from the query }`.
 */
export async function readPlanBody(
  body: unknown,
  contentType: string | undefined,
  query: Record<string, unknown>,
  purpose: 'plan' | 'simulation',
  parser: OffThreadDocumentParser,
): Promise<unknown> {
  const type = mediaType(contentType);
  if (YAML_MEDIA_TYPES.includes(type)) {
    const options = parseInput(purpose === 'plan' ? createPlanQuery : simulationQuery, query);
    const workloads = await parser.parse(typeof body === 'string' ? body : '', 'yaml', 'workloads');
    return { ...options, workloads };
  }
  if (type !== JSON_MEDIA_TYPE && !type.endsWith('+json')) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${JSON_MEDIA_TYPE} or one of ${YAML_MEDIA_TYPES.join(', ')}`);
  }
  return body;
}
