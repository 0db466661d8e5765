/**
 * The embedded store (PGlite over its loopback socket, no DATABASE_URL) runs
 * the same migrations and keeps topologies across restarts of the service.
 */
import { rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { eksDump, EKS_SUMMARY } from '../support/cloud-dumps.js';
import { testConfig } from '../support/test-app.js';
import { createTemporaryDataDirectory } from '../support/test-database.js';

describe('embedded store', () => {
  let dataDirectory: string | undefined;

  afterAll(async () => {
    if (dataDirectory) await rm(dataDirectory, { recursive: true, force: true });
  });

  it('migrates a fresh data directory, stores a topology and reads it back after a restart', async () => {
    dataDirectory = await createTemporaryDataDirectory();
    const config = testConfig({ kind: 'embedded', dataDirectory: join(dataDirectory, 'nested', 'data') });

    const first = await createApp(config);
    let id: string;
    try {
      expect((await request(first.getHttpServer()).get('/readyz')).status).toBe(200);
      const created = await request(first.getHttpServer()).post('/v1/topologies').send({ name: 'embedded', objects: [eksDump()] });
      expect(created.status).toBe(201);
      id = created.body.id;
    } finally {
      await first.close();
    }
    expect(existsSync(join(dataDirectory, 'nested', 'data', 'pgdata'))).toBe(true);

    const second = await createApp(config);
    try {
      const read = await request(second.getHttpServer()).get(`/v1/topologies/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id, name: 'embedded', revision: 1, summary: EKS_SUMMARY });
      const nodes = await request(second.getHttpServer()).get(`/v1/topologies/${id}/nodes`);
      expect(nodes.body.totalCount).toBe(EKS_SUMMARY.nodes);
    } finally {
      await second.close();
    }
  });
});
