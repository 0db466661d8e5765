/**
 * Which `Host` headers podplan answers. A page on evil.example can point its
 * own name at 127.0.0.1 (DNS rebinding) and then call a loopback service
 * from the victim's browser as same-origin; the browser still sends
 * `Host: evil.example`, so a keyless service that answers only loopback
 * names (and names the operator listed) cannot be reached that way.
 */
import { isLoopbackHost } from './loopback.js';

/** The host name of a `Host` header, without its port: `[::1]:3000` → `[::1]`, `Example.com:80` → `example.com`. */
export function hostNameOf(hostHeader: string): string {
  const header = hostHeader.trim().toLowerCase();
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  const colon = header.indexOf(':');
  return colon === -1 ? header : header.slice(0, colon);
}

/**
 * Whether a request carrying `hostHeader` is answered: loopback names
 * always; names in `allowedHosts`; and any name when `anyHost` (keys are
 * required and no list was configured). A request without `Host` (HTTP/1.0
 * tools) comes from no browser, so rebinding does not apply to it.
 */
export function isAllowedHost(hostHeader: string | undefined, allowedHosts: readonly string[], anyHost: boolean): boolean {
  if (hostHeader === undefined || anyHost) return true;
  const name = hostNameOf(hostHeader);
  return isLoopbackHost(name) || allowedHosts.includes(name);
}
