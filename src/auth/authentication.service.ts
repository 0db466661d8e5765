/**
 * Turns the `Authorization` header into a Caller. Authentication is enforced
 * once any key exists or PODPLAN_ADMIN_KEY is set; before that (the
 * zero-setup default) every request is the open caller, an admin of the
 * default team, and the service only listens on loopback (see
 * assertSafeBinding).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { DomainError } from '../common/errors/domain-error.js';
import { isLoopbackHost } from '../common/security/loopback.js';
import { hashesMatch, hashSecret, keyPrefix } from './api-key-secret.js';
import { ADMIN_KEY_CALLER, OPEN_CALLER, type Caller } from './caller.js';
import { ApiKeysRepository } from './persistence/api-keys.repository.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function invalidKey(): DomainError {
  return new DomainError('UNAUTHENTICATED', 'the API key is not valid (unknown, malformed or revoked)');
}

@Injectable()
export class AuthenticationService {
  private readonly adminKeyHash: string | undefined;
  /** Latches true: once keys exist the service never reopens, even when every key is revoked. */
  private keysConfigured = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ApiKeysRepository,
  ) {
    this.adminKeyHash = config.auth.adminKey === undefined ? undefined : hashSecret(config.auth.adminKey);
  }

  async isEnforced(): Promise<boolean> {
    if (this.adminKeyHash !== undefined || this.keysConfigured) return true;
    this.keysConfigured = await this.keys.anyExist();
    return this.keysConfigured;
  }

  /** Called when a key is created, so enforcement starts with the very next request. */
  keyCreated(): void {
    this.keysConfigured = true;
  }

  async authenticate(authorization: string | undefined): Promise<Caller> {
    if (!(await this.isEnforced())) return OPEN_CALLER;
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (token === undefined) throw new DomainError('UNAUTHENTICATED', 'this request needs an API key: send Authorization: Bearer <key>');
    const presentedHash = hashSecret(token);
    if (this.adminKeyHash !== undefined && hashesMatch(presentedHash, this.adminKeyHash)) return ADMIN_KEY_CALLER;
    const prefix = keyPrefix(token);
    if (prefix === undefined) throw invalidKey();
    const found = await this.keys.findLiveByPrefix(prefix);
    if (!found || !hashesMatch(presentedHash, found.secretHash)) throw invalidKey();
    return { keyId: found.key.id, team: found.key.team, role: found.key.role, source: 'api-key' };
  }

  /**
   * Refuses to serve without authentication anywhere but loopback, unless
   * PODPLAN_ALLOW_UNAUTHENTICATED=true says that is intended. Returns the
   * line the start-up log shows.
   */
  async assertSafeBinding(): Promise<string> {
    if (await this.isEnforced()) return 'authentication: API keys required (Authorization: Bearer <key>)';
    if (isLoopbackHost(this.config.host)) {
      return `authentication: off — no keys configured, so podplan answers only on loopback (${this.config.host}) as an admin of team "default"; set PODPLAN_ADMIN_KEY to require keys`;
    }
    if (this.config.auth.allowUnauthenticated) {
      return `authentication: OFF on ${this.config.host} (PODPLAN_ALLOW_UNAUTHENTICATED=true): anyone who can reach this address is an admin`;
    }
    throw new Error(
      `refusing to listen on ${this.config.host} without authentication: set PODPLAN_ADMIN_KEY (or create a key), ` +
        'bind HOST to 127.0.0.1, or set PODPLAN_ALLOW_UNAUTHENTICATED=true to accept the risk',
    );
  }
}
