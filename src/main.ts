/** `npm start`: the service on HOST:PORT, configured from the environment (PODPLAN_ROLE picks API, worker or both). */
import { startPodplan } from './process-entry.js';
import { loadAppConfig } from './config/app-config.js';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env, {}, { schemaFile: 'schema.gql' });
  await startPodplan(config);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
