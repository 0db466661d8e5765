/**
 * Reads request bodies with a limit per route, after RequestGate has
 * authenticated the caller. Routes that take cluster objects (imports,
 * simulations, analyses, GraphQL) accept BODY_LIMIT, sized for real cluster
 * dumps; every other route (plans on a saved topology, keys, reruns)
 * accepts SMALL_BODY_LIMIT. A declared Content-Length over the limit is
 * refused at once, without parsing a byte (see refused-body.ts); a
 * chunked or compressed body is counted as it streams (decompressed bytes)
 * and refused when it passes the limit.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import { discardBodyThenClose } from './refused-body.js';

export const JSON_BODY_TYPES = ['application/json', 'application/*+json'];

interface BodyLimit {
  readonly bytes: number;
  readonly setting: 'BODY_LIMIT' | 'SMALL_BODY_LIMIT';
}

/** The routes whose bodies carry Kubernetes cluster objects (method and path, as routed). */
const CLUSTER_ROUTES: readonly { readonly method: string; readonly path: RegExp }[] = [
  { method: 'POST', path: /^\/v1\/topologies\/?$/ },
  { method: 'PUT', path: /^\/v1\/topologies\/[^/]+\/?$/ },
  { method: 'POST', path: /^\/v1\/simulations\/?$/ },
  { method: 'POST', path: /^\/v1\/analyses\/[^/]+\/?$/ },
  { method: 'POST', path: /^\/graphql\/?$/ },
];

export function takesClusterObjects(method: string, path: string): boolean {
  return CLUSTER_ROUTES.some((route) => route.method === method && route.path.test(path));
}

function payloadTooLarge(limit: BodyLimit): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', `the request body is larger than the configured limit (${limit.setting}=${limit.bytes} bytes)`);
}

/** body-parser's JSON and YAML-as-text readers for one limit. */
function parsersFor(limit: BodyLimit, yamlMediaTypes: readonly string[]): RequestHandler[] {
  return [express.json({ limit: limit.bytes, type: JSON_BODY_TYPES }), express.text({ limit: limit.bytes, type: [...yamlMediaTypes] })];
}

export function requestBodyReader(config: AppConfig, yamlMediaTypes: readonly string[]): RequestHandler {
  const large: BodyLimit = { bytes: config.bodyLimitBytes, setting: 'BODY_LIMIT' };
  const small: BodyLimit = { bytes: config.smallBodyLimitBytes, setting: 'SMALL_BODY_LIMIT' };
  const parsers = new Map([large, small].map((limit) => [limit, parsersFor(limit, yamlMediaTypes)]));

  return (request: Request, response: Response, next: NextFunction): void => {
    const limit = takesClusterObjects(request.method, request.path) ? large : small;
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit.bytes) {
      // Refused before reading: what follows is discarded, not parsed, and a client still sending is cut off.
      discardBodyThenClose(request, response);
      next(payloadTooLarge(limit));
      return;
    }
    const [json, text] = parsers.get(limit)!;
    const onParsed = (error?: unknown) => {
      if ((error as { type?: unknown } | undefined)?.type === 'entity.too.large') next(payloadTooLarge(limit));
      else next(error);
    };
    json(request, response, (error?: unknown) => (error ? onParsed(error) : text(request, response, onParsed)));
  };
}
