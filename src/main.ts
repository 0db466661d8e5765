/** `npm start`: the service on HOST:PORT, configured from the environment (PODPLAN_ROLE picks API, worker or both). */
import { Logger } from '@nestjs/common';
import { startPodplan } from './process-entry.js';
import { loadAppConfig } from './config/app-config.js';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env, {}, { schemaFile: 'schema.gql' });
  await startPodplan(config);
}

main().catch((error: unknown) => {
  // Start-up failed before (or while) the app's own logger was set up: Nest's Logger, as migrate.ts does.
  new Logger('Main').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
