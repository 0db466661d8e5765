/** Where the plan viewer is served: its page, and its fingerprinted bundles under a prefix (public routes, see auth/public-routes.ts). */
export const VIEWER_PATHS = { page: '/', assets: '/assets' } as const;
