/**
 * Checks a real answer against the response schema openapi.json declares
 * for its route and status, with ajv (OpenAPI 3.0 schemas: `nullable` is
 * ajv's own keyword; `example` and the like are ignored). The schema is
 * looked up in the served document by JSON pointer, so `$ref`s inside it
 * resolve as a client generator would resolve them.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { OpenAPIObject } from '@nestjs/swagger';

const DOCUMENT_ID = 'https://podplan.invalid/openapi.json';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** RFC 3339 date-time, as Date.prototype.toISOString writes it and more. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A JSON pointer segment, escaped (RFC 6901) and then for a URI fragment. */
const segment = (part: string) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'));

export interface Answer {
  readonly response: { readonly status: number; readonly headers: { get(name: string): string | null } };
  readonly data?: unknown;
}

export class ResponseSchemas {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    this.ajv.addFormat('uuid', UUID);
    this.ajv.addFormat('date-time', DATE_TIME);
    this.ajv.addSchema({ ...structuredClone(document), $id: DOCUMENT_ID } as object);
  }

  /** The schema errors of `body` as the answer of `METHOD path` with `status` (as `mediaType`); [] when it conforms. */
  errors(method: string, path: string, status: number, body: unknown, mediaType = 'application/json'): string[] {
    const operation = this.document.paths[path]?.[method.toLowerCase() as 'get'];
    if (operation === undefined) return [`${method} ${path} is not in the document`];
    const answer = operation.responses[String(status)] as { content?: Record<string, { schema?: unknown }> } | undefined;
    if (answer?.content?.[mediaType]?.schema === undefined) return [`${method} ${path} declares no ${mediaType} schema for ${status}`];
    const pointer = ['paths', path, method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema'].map(segment).join('/');
    const key = `${DOCUMENT_ID}#/${pointer}`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: key });
      this.compiled.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }
}
