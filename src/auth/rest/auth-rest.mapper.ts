/** Keys and audit entries as REST documents: timestamps as ISO strings, never a secret or hash. */
import type { StoredApiKey } from '../persistence/api-keys.repository.js';
import type { AuditEntry } from '../persistence/audit-log.repository.js';

export function toApiKeyDocument(key: StoredApiKey) {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    team: key.team,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function toAuditEntryDocument(entry: AuditEntry) {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    team: entry.team,
    keyId: entry.keyId,
    source: entry.source,
    action: entry.action,
    objectId: entry.objectId,
  };
}
