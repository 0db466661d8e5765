/**
 * The request id: the caller's `X-Request-Id` when it is sane (a proxy's or a
 * client's correlation id), a fresh UUID otherwise. Bounded in length and
 * charset because it is echoed in a response header and written to every log
 * line and problem document of the request.
 */
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
/** Enough for a UUID, a W3C trace id, or an AWS/GCP load balancer's trace header. */
export const MAX_REQUEST_ID_LENGTH = 128;
const ACCEPTED_REQUEST_ID = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,${MAX_REQUEST_ID_LENGTH - 1}}$`);

/** The given id when acceptable; undefined for a missing, repeated, over-long or oddly-charactered one. */
export function acceptedRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && ACCEPTED_REQUEST_ID.test(header) ? header : undefined;
}

export function requestIdFor(header: string | string[] | undefined): string {
  return acceptedRequestId(header) ?? randomUUID();
}
