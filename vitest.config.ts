import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM builds; Nest and Apollo load the
    // CommonJS one, so tests must too, or GraphQL types from two "realms" meet
    // (under `node`, without vitest, every import already gets CommonJS).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // One database server for the run (TEST_DATABASE_URL's, or an embedded one); a database per test file.
    globalSetup: ['test/support/global-database.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results/report.json' }]],
  },
});
