/**
 * Key administration: create (the secret is returned once, only its hash is
 * stored), list without secrets, revoke. Admins of the default team manage
 * every team's keys; an admin of another team only its own. Another team's
 * key answers 404, like any other object of another team.
 */
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, NotFoundError } from '../common/errors/domain-error.js';
import { parseInput } from '../common/validation/parse-input.js';
import { issueSecret } from './api-key-secret.js';
import { AuthenticationService } from './authentication.service.js';
import { administersTeam, DEFAULT_TEAM, type Caller } from './caller.js';
import { ApiKeysRepository, type StoredApiKey } from './persistence/api-keys.repository.js';
import { ROLES } from './role.js';

const API_KEY = 'API key';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Team names follow DNS labels (RFC 1123), like Kubernetes namespaces, so they fit in URLs and logs. */
export const teamSchema = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS label: lowercase letters, digits and "-", starting and ending alphanumeric');

export const createKeyBody = z
  .object({
    name: z.string().trim().min(1, 'is required').max(253, 'must be at most 253 characters'),
    role: z.enum(ROLES),
    team: teamSchema.optional(),
  })
  .strict();

export interface CreatedApiKey {
  readonly key: StoredApiKey;
  /** The secret: shown once, never stored. */
  readonly secret: string;
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly authentication: AuthenticationService,
  ) {}

  async create(caller: Caller, body: unknown): Promise<CreatedApiKey> {
    const input = parseInput(createKeyBody, body ?? {});
    const team = input.team ?? caller.team;
    if (!administersTeam(caller, team)) {
      throw new DomainError('FORBIDDEN', `an admin of team "${caller.team}" cannot create keys for team "${team}"`, [
        { path: 'team', message: `must be your own team, "${caller.team}"` },
      ]);
    }
    const secret = issueSecret();
    const key = await this.keys.insert({ team, name: input.name, role: input.role, prefix: secret.prefix, secretHash: secret.hash });
    this.authentication.keyCreated();
    return { key, secret: secret.key };
  }

  list(caller: Caller): Promise<StoredApiKey[]> {
    return this.keys.list(caller.team === DEFAULT_TEAM ? null : caller.team);
  }

  async revoke(caller: Caller, id: string): Promise<void> {
    const key = UUID_PATTERN.test(id) ? await this.keys.findById(id) : null;
    if (!key || key.revokedAt !== null || !administersTeam(caller, key.team)) throw new NotFoundError(API_KEY, id);
    await this.keys.revoke(id);
  }
}
