/** `npm start`: the service on HOST:PORT, configured from the environment. */
import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { loadAppConfig } from './config/app-config.js';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env, { schemaFile: resolve('schema.gql') });
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  new Logger('Bootstrap').log(`podplan listening on http://${config.host}:${config.port} (REST /v1, GraphQL /graphql, docs /docs)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
