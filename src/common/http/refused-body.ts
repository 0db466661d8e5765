/**
 * A request refused before its body was read (no key, body over the
 * limit). Closing the socket at once would make the kernel answer the
 * client's unsent bytes with a reset, which can destroy our refusal before
 * the client reads it (curl then reports "connection reset", not 401). So,
 * as nginx's lingering close does, the rest of the body is read and thrown
 * away (Node discards an unconsumed body after the response; nothing is
 * kept) for a short while, and a client still sending after that is cut off.
 */
import type { Request, Response } from 'express';

/** How long a refused upload may keep sending before its connection is closed. */
export const REFUSED_BODY_LINGER_MS = 2_000;

export function announcesBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0';
}

/** Call before answering a request whose body will not be read. */
export function discardBodyThenClose(request: Request, response: Response): void {
  if (!announcesBody(request) || request.complete) return;
  response.once('finish', () => {
    if (request.complete) return;
    const timer = setTimeout(() => request.socket.destroy(), REFUSED_BODY_LINGER_MS);
    timer.unref();
    request.once('end', () => clearTimeout(timer));
    request.socket.once('close', () => clearTimeout(timer));
  });
}
