import type { Role } from './role.js';

/** The team every object belongs to until keys say otherwise, and the team of PODPLAN_ADMIN_KEY. */
export const DEFAULT_TEAM = 'default';

/** How the caller was recognised; kept in the audit log. */
export type CallerSource = 'api-key' | 'admin-key' | 'open';

/**
 * Who is calling: resolved once per request from the bearer key and handed
 * to services explicitly, which scope every query by `team`.
 */
export interface Caller {
  /** The api_keys row, or null for PODPLAN_ADMIN_KEY and the open (no keys configured) mode. */
  readonly keyId: string | null;
  readonly team: string;
  readonly role: Role;
  readonly source: CallerSource;
}

/** With no keys configured the service serves its loopback user as an admin of the default team. */
export const OPEN_CALLER: Caller = { keyId: null, team: DEFAULT_TEAM, role: 'admin', source: 'open' };

export const ADMIN_KEY_CALLER: Caller = { keyId: null, team: DEFAULT_TEAM, role: 'admin', source: 'admin-key' };

/**
 * Admins of the default team run the service: they manage keys and read the
 * audit log of every team. Admins of any other team manage only their own.
 */
export function administersTeam(caller: Caller, team: string): boolean {
  return caller.role === 'admin' && (caller.team === DEFAULT_TEAM || caller.team === team);
}
