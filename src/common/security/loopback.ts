import { isIP } from 'node:net';

/**
 * Whether HOST keeps the service on this machine: `localhost`, 127.0.0.0/8
 * or ::1. Anything else (0.0.0.0, ::, a LAN address, a name) may be reachable
 * from elsewhere.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}
