/**
 * The typed client the command line uses (openapi-fetch on the types
 * generated from openapi.json, src/cli/server/podplan-api.ts), for tests:
 * a route, parameter or body the API does not have is a type error in the
 * test too. Answers come back as `{ data | error, response }`, statuses
 * untouched, so tests assert them.
 */
import createClient from 'openapi-fetch';
import type { paths } from '../../src/cli/server/podplan-api.js';
import type { PodplanApi } from '../../src/cli/server/server-client.js';

export function podplanClient(baseUrl: string, token?: string): PodplanApi {
  return createClient<paths, 'application/json'>({ baseUrl, headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });
}
