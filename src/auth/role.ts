/**
 * Roles, from least to most privileged; each includes everything below it:
 * viewer reads topologies and plans, planner also runs simulations and
 * plans, editor also creates, changes and deletes topologies, admin also
 * manages keys and reads the audit log.
 */
export const ROLES = ['viewer', 'planner', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
