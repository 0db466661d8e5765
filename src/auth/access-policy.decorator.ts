/**
 * Every REST route and GraphQL resolver declares who may call it, on the
 * method itself: `@RequiresRole('editor', { audit: 'topology.update' })`, or
 * `@Public()` for the probes. AuthGuard enforces it; a route that declares
 * nothing is treated as admin-only (fail closed), and the route inventory
 * test fails CI until it declares its role.
 */
import { SetMetadata } from '@nestjs/common';
import type { Role } from './role.js';

export const ACCESS_POLICY = 'podplan:access-policy';

export type AccessPolicy =
  | { readonly public: true }
  | {
      readonly public: false;
      readonly role: Role;
      /** When set, a successful call is a write and is recorded in the audit log under this action name. */
      readonly audit?: string;
    };

export function RequiresRole(role: Role, options: { audit?: string } = {}): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_POLICY, { public: false, role, ...options } satisfies AccessPolicy);
}

/** No key needed, ever: liveness and readiness probes. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_POLICY, { public: true } satisfies AccessPolicy);
}
