/**
 * Which requests need no key, decided from the path alone, before routing
 * and before the body is read (see request-gate.ts):
 * - the controller routes declared `@Public()` (the probes), discovered
 *   from their metadata at start-up so this list cannot drift from them;
 * - the plan viewer's page and bundles (static files holding no data; the
 *   page asks for a key);
 * - the API documentation (`/docs`, `/openapi.json`) when PODPLAN_PUBLIC_DOCS
 *   is true.
 * GraphQL is never public: answering even introspection would mean parsing
 * and validating an unauthenticated document (the schema is published as
 * schema.gql instead).
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { VIEWER_PATHS } from '../common/http/viewer-paths.js';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.decorator.js';

/** Where SwaggerModule serves the documentation (see app.ts). */
export const API_DOCS_PATHS = { ui: '/docs', json: '/openapi.json', yaml: '/docs-yaml' } as const;


const REQUEST_METHOD_NAMES = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

function joinPath(...parts: string[]): string {
  const joined = `/${parts.join('/')}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

@Injectable()
export class PublicRoutes implements OnModuleInit {
  private readonly controllerRoutes = new Set<string>();
  private readonly publicDocs: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {
    this.publicDocs = config.auth.publicDocs;
  }

  onModuleInit(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller || !wrapper.instance) continue;
      const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      const classPaths = [this.reflector.get<string | string[] | undefined>(PATH_METADATA, controller) ?? ''].flat();
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[methodName] as (...args: unknown[]) => unknown;
        const methodPaths = this.reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
        if (methodPaths === undefined) continue;
        const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [handler, controller]);
        if (!policy?.public) continue;
        const method = REQUEST_METHOD_NAMES[this.reflector.get<number>(METHOD_METADATA, handler)] ?? 'GET';
        for (const classPath of classPaths) {
          for (const methodPath of [methodPaths].flat()) {
            const path = joinPath(classPath, methodPath);
            // A parameter would need routing to match; public routes are fixed paths, and this keeps them so.
            if (path.includes(':') || path.includes('*')) throw new Error(`@Public() route ${method} ${path} must have a fixed path`);
            this.controllerRoutes.add(`${method} ${path}`);
          }
        }
      }
    }
  }

  /** A probe or other `@Public()` controller route: answered to anyone, from any Host. */
  isPublicRoute(method: string, path: string): boolean {
    const verb = method === 'HEAD' ? 'GET' : method;
    return this.controllerRoutes.has(`${verb} ${path}`);
  }

  /** Whether a request for `path` needs no key. */
  isPublic(method: string, path: string): boolean {
    if (this.isPublicRoute(method, path)) return true;
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (path === VIEWER_PATHS.page || path.startsWith(`${VIEWER_PATHS.assets}/`)) return true;
    if (!this.publicDocs) return false;
    return path === API_DOCS_PATHS.ui || path.startsWith(`${API_DOCS_PATHS.ui}/`) || path === API_DOCS_PATHS.json || path === API_DOCS_PATHS.yaml;
  }
}
