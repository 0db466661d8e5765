/**
 * The format of the API keys podplan generates: `pp_<12 hex>_<43 base64url>`
 * (auth/api-key-secret.ts issues them). Here, below the configuration,
 * because PODPLAN_ADMIN_KEY accepts a generated key as it is
 * (admin-key-strength.ts) and config imports nothing above it.
 */
const KEY_PATTERN = /^pp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** The lookup prefix of a well-formed key, or undefined for anything else. */
export function keyPrefix(key: string): string | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? `pp_${match[1]}` : undefined;
}
