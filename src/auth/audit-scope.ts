/**
 * The audit row of a write is written by the write's own transaction: the
 * change and its record commit together or not at all (a write recorded
 * after its commit could stand unaudited if recording failed, and a crash in
 * between lost the record).
 *
 * AuditInterceptor opens a scope for every route whose policy names an
 * `audit` action (who is calling, what the action is); the repositories
 * call `recordAuditWithin` inside the transaction that makes the change,
 * with the id of the object written and the team that owns it (a key
 * created by a default-team admin for team X is X's, and is logged under
 * X, where X's admins read it). Writes outside any audited route (background
 * plan jobs, lease reapers) record nothing. A route whose write stores
 * nothing (an analysis of an inline cluster) records nothing either.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import type { Caller } from './caller.js';

export interface AuditScope {
  readonly action: string;
  readonly caller: Caller;
}

const scopes = new AsyncLocalStorage<AuditScope>();

/** Runs `work` (and everything it starts) as the audited route `scope`. */
export function runInAuditScope<T>(scope: AuditScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** Writes the audit row of the current route, if it is audited, with `manager`, i.e. inside the caller's transaction. */
export async function recordAuditWithin(manager: EntityManager, objectId: string | null, team?: string): Promise<void> {
  const scope = scopes.getStore();
  if (!scope) return;
  await manager.query('INSERT INTO audit_log (team, key_id, source, action, object_id) VALUES ($1, $2, $3, $4, $5)', [
    team ?? scope.caller.team,
    scope.caller.keyId,
    scope.caller.source,
    scope.action,
    objectId === null ? null : objectId.slice(0, 200),
  ]);
}
