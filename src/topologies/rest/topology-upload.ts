/**
 * Reads a topology upload from a request, in any of the forms platform teams
 * have at hand:
 * - JSON `{ "name", "objects": [...] }` (objects may also be one List/object);
 * - JSON that is itself a Kubernetes object or List (`kubectl get -o json`
 *   piped straight in), named by `?name=`;
 * - YAML (`application/yaml`, `text/yaml`, `application/x-yaml`), one or many
 *   documents, named by `?name=`.
 * Every document becomes `objects[i]`, the root of the error paths.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../kube/field-error.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { parseInput } from '../../common/validation/parse-input.js';
import { revisionParameter } from '../../common/validation/revision-number.js';
import { fieldValidationParameter } from '../../common/http/field-validation-query.js';
import type { FieldValidationMode } from '../../kube/field-validation/field-validation-mode.js';
import type { OffThreadDocumentParser } from '../../common/parsing/off-thread-document-parser.js';

export const YAML_MEDIA_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];
export const JSON_MEDIA_TYPE = 'application/json';

export const topologyNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters');

const revisionSchema = revisionParameter;

const objectsSchema = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())], {
  error: 'must be an array of Kubernetes objects, or one object or List',
}).meta({ description: 'Nodes, Pods, Namespaces, Services, workloads, storage and DRA objects, or Lists of them, as kubectl prints them' });

/** `POST /v1/topologies` with a JSON body of this shape (other forms: a List, an object, YAML, named by ?name=). */
export const createTopologyBody = z.strictObject({ name: topologyNameSchema, objects: objectsSchema });
/** `PUT /v1/topologies/{id}` with a JSON body of this shape. */
export const replaceTopologyBody = z.strictObject({
  objects: objectsSchema,
  name: topologyNameSchema.optional(),
  revision: revisionSchema.optional(),
});

/** The query string of an upload: `name` (and `revision`) for YAML or bare-List bodies, and `fieldValidation`. */
export const topologyUploadQuery = z.object({
  name: topologyNameSchema.optional().meta({ description: 'the topology\'s name, for YAML or bare-List bodies', example: 'prod-eu' }),
  revision: revisionSchema.optional().meta({ description: 'on PUT: the latest revision as read (a stale one answers 412), as If-Match does' }),
  fieldValidation: fieldValidationParameter,
});

export interface TopologyUpload {
  name?: string;
  objects: unknown[];
  revision?: number;
  /** `?fieldValidation=`: what unknown fields in the objects do. */
  fieldValidation?: FieldValidationMode;
}

export interface UploadRequest {
  body: unknown;
  contentType: string | undefined;
  query: Record<string, unknown>;
}

function isKubernetesDocument(body: Record<string, unknown>): boolean {
  return 'kind' in body || 'apiVersion' in body || 'items' in body;
}

function asDocuments(objects: unknown[] | Record<string, unknown>): unknown[] {
  return Array.isArray(objects) ? objects : [objects];
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** The upload of a POST (`name` required) or PUT (`revision` allowed); a YAML body is parsed off the event loop. */
export async function readTopologyUpload(request: UploadRequest, purpose: 'create' | 'replace', parser: OffThreadDocumentParser): Promise<TopologyUpload> {
  const query = parseInput(topologyUploadQuery, request.query);
  if (YAML_MEDIA_TYPES.includes(mediaType(request.contentType))) {
    // The query is read first: a bad name or revision is refused before the body's parse.
    requireName({ name: query.name, objects: [] }, purpose);
    const text = typeof request.body === 'string' ? request.body : '';
    const objects = await parser.parse(text, 'yaml', 'objects');
    return { name: query.name, revision: query.revision, objects, fieldValidation: query.fieldValidation };
  }
  return { ...readJsonUpload(request, query, purpose), fieldValidation: query.fieldValidation };
}

function readJsonUpload(request: UploadRequest, query: z.infer<typeof topologyUploadQuery>, purpose: 'create' | 'replace'): TopologyUpload {
  const type = mediaType(request.contentType);
  if (type !== JSON_MEDIA_TYPE && !type.endsWith('+json')) {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type must be ${JSON_MEDIA_TYPE} or one of ${YAML_MEDIA_TYPES.join(', ')}`,
    );
  }
  const body = request.body;
  if (typeof body !== 'object' || body === null) {
    throw new InvalidInputError([{ path: '', message: 'the body must be a JSON object' }]);
  }
  if (Array.isArray(body)) {
    return requireName({ name: query.name, revision: query.revision, objects: body }, purpose);
  }
  const record = body as Record<string, unknown>;
  if (isKubernetesDocument(record)) {
    return requireName({ name: query.name, revision: query.revision, objects: [record] }, purpose);
  }
  if (purpose === 'create') {
    const parsed = parseInput(createTopologyBody, { name: query.name, ...record });
    return { name: parsed.name, objects: asDocuments(parsed.objects) };
  }
  const parsed = parseInput(replaceTopologyBody, record);
  return {
    name: parsed.name ?? query.name,
    revision: parsed.revision ?? query.revision,
    objects: asDocuments(parsed.objects),
  };
}

function requireName(upload: TopologyUpload, purpose: 'create' | 'replace'): TopologyUpload {
  if (purpose === 'create' && upload.name === undefined) {
    throw new InvalidInputError([{ path: 'name', message: 'is required (as the ?name= query parameter)' }]);
  }
  return upload;
}

/**
 * The revision a conditional write expects, from `If-Match: "3"` (ETags are
 * revisions) and/or the body's `revision`; they must agree when both are given.
 */
export function expectedRevision(ifMatch: string | undefined, bodyRevision: number | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return bodyRevision;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(ifMatch);
  if (!match || !revisionParameter.safeParse(match[1]).success) {
    throw new InvalidInputError([{ path: 'If-Match', message: 'must be an ETag of this API, such as "3"' }]);
  }
  const fromHeader = Number(match[1]);
  if (bodyRevision !== undefined && bodyRevision !== fromHeader) {
    throw new InvalidInputError([
      { path: 'revision', message: `disagrees with the If-Match header (${fromHeader})` },
    ]);
  }
  return fromHeader;
}
