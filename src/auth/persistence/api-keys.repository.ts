/** Queries on `api_keys`. Keys are revoked (revoked_at), never deleted: the audit log refers to them. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '../role.js';
import { recordAuditWithin } from '../audit-scope.js';

export interface StoredApiKey {
  readonly id: string;
  readonly team: string;
  readonly name: string;
  readonly role: Role;
  readonly prefix: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

interface ApiKeyRow {
  id: string;
  team: string;
  name: string;
  role: Role;
  prefix: string;
  secret_hash: string;
  created_at: Date;
  revoked_at: Date | null;
}

const KEY_COLUMNS = 'id, team, name, role, prefix, secret_hash, created_at, revoked_at';

function toStoredKey(row: ApiKeyRow): StoredApiKey {
  return { id: row.id, team: row.team, name: row.name, role: row.role, prefix: row.prefix, createdAt: row.created_at, revokedAt: row.revoked_at };
}

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates a key; audited under the key's own team, whoever created it. */
  async insert(key: { team: string; name: string; role: Role; prefix: string; secretHash: string }): Promise<StoredApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO api_keys (team, name, role, prefix, secret_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${KEY_COLUMNS}`,
        [key.team, key.name, key.role, key.prefix, key.secretHash],
      )) as ApiKeyRow[];
      await recordAuditWithin(manager, row.id, row.team);
      return toStoredKey(row);
    });
  }

  /** The live key with this prefix and its hash, for authentication. */
  async findLiveByPrefix(prefix: string): Promise<{ key: StoredApiKey; secretHash: string } | null> {
    const rows = (await this.dataSource.query(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE prefix = $1 AND revoked_at IS NULL`, [
      prefix,
    ])) as ApiKeyRow[];
    return rows.length === 0 ? null : { key: toStoredKey(rows[0]), secretHash: rows[0].secret_hash };
  }

  /** Whether any key was ever created (revoked ones included). */
  async anyExist(): Promise<boolean> {
    const [row] = (await this.dataSource.query('SELECT EXISTS (SELECT 1 FROM api_keys) AS present')) as { present: boolean }[];
    return row.present;
  }

  /** Keys of one team, or of every team when `team` is null, oldest first. */
  async list(team: string | null): Promise<StoredApiKey[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${KEY_COLUMNS} FROM api_keys WHERE ($1::text IS NULL OR team = $1) ORDER BY created_at, id`,
      [team],
    )) as ApiKeyRow[];
    return rows.map(toStoredKey);
  }

  async findById(id: string): Promise<StoredApiKey | null> {
    const rows = (await this.dataSource.query(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = $1`, [id])) as ApiKeyRow[];
    return rows.length === 0 ? null : toStoredKey(rows[0]);
  }

  /** Revokes a live key; false when it was already revoked. Audited under the key's own team. */
  async revoke(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // For UPDATE, TypeORM's postgres driver answers [rows, affected count], not the rows alone.
      const [rows] = (await manager.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING team', [
        id,
      ])) as [{ team: string }[], number];
      if (rows.length === 0) return false;
      await recordAuditWithin(manager, id, rows[0].team);
      return true;
    });
  }
}
