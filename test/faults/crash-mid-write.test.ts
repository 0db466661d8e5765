/**
 * Every write is one transaction: SIGKILL the real server (dist/src/main.js,
 * a child process) at random moments while topologies, revisions and plans
 * are being written, many times over, then read the database directly. It
 * must hold only whole revisions and whole plans, and every write the server
 * acknowledged must be there.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, zonedNode } from '../e2e/plans-fixtures.js';
import { ensureBuiltServer, startServer } from './support/built-server.js';
import { createPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';

const ROUNDS = 6;
/** Mulberry32: the kill moments are random but the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Large enough that importing and storing takes tens of milliseconds, so kills land inside writes. */
function cluster(nodes: number, suffix: string) {
  return Array.from({ length: nodes }, (_, index) => zonedNode(`n${suffix}-${index}`, ['a', 'b', 'c'][index % 3]));
}

interface Acknowledged {
  topologies: Set<string>;
  /** topology id → highest revision the server confirmed */
  revisions: Map<string, number>;
  plans: Set<string>;
}

async function send(url: string, method: string, body: unknown): Promise<{ status: number; body: any } | null> {
  try {
    const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  } catch {
    return null; // the connection died with the server: the write was not acknowledged
  }
}

describe('SIGKILL in the middle of writes, in a loop', () => {
  let postgres: PrivatePostgres;
  const acknowledged: Acknowledged = { topologies: new Set(), revisions: new Map(), plans: new Set() };
  let attempted = 0;
  let acknowledgedWrites = 0;

  beforeAll(async () => {
    await ensureBuiltServer();
    postgres = await createPrivatePostgres();
    const random = seededRandom(7);
    const environment = { DATABASE_URL: postgres.url, PODPLAN_RATE_LIMIT_PER_MINUTE: '0', PODPLAN_ROLE: 'all' };
    let baseId: string | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServer(environment);
      if (baseId === undefined) {
        const base = await send(`${server.url}/v1/topologies`, 'POST', { name: 'base', objects: cluster(300, 'base') });
        expect(base?.status).toBe(201);
        baseId = base!.body.id as string;
        acknowledged.topologies.add(baseId);
        acknowledged.revisions.set(baseId, 1);
      }
      const writes: Promise<void>[] = [];
      const record = (promise: Promise<{ status: number; body: any } | null>, onSuccess: (body: any) => void) => {
        attempted++;
        writes.push(
          promise.then((response) => {
            if (!response || response.status >= 300) return;
            acknowledgedWrites++;
            onSuccess(response.body);
          }),
        );
      };
      for (let index = 0; index < 3; index++) {
        record(send(`${server.url}/v1/topologies`, 'POST', { name: `r${round}-${index}`, objects: cluster(600, `${round}-${index}`) }), (body) => {
          acknowledged.topologies.add(body.id);
          acknowledged.revisions.set(body.id, body.revision);
        });
        record(send(`${server.url}/v1/topologies/${baseId}`, 'PUT', { objects: cluster(300 + round * 3 + index, 'base') }), (body) => {
          acknowledged.revisions.set(baseId!, Math.max(acknowledged.revisions.get(baseId!) ?? 0, body.revision));
        });
      }
      for (let index = 0; index < 2; index++) {
        record(send(`${server.url}/v1/topologies/${baseId}/plans`, 'POST', { workloads: [deployment(`w${round}-${index}`, 400)] }), (body) => {
          acknowledged.plans.add(body.id);
        });
      }
      // From before the first write lands to after most have: some rounds die early, some late, most in between.
      await new Promise((resolveWait) => setTimeout(resolveWait, 50 + random() * 3500));
      await server.kill();
      await Promise.all(writes);
    }
  });

  afterAll(async () => {
    await postgres?.destroy();
  });

  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  it('leaves every topology with exactly revisions 1..latest', async () => {
    const broken = await query(`
      SELECT t.id FROM topologies t
        LEFT JOIN topology_revisions r ON r.topology_id = t.id
       GROUP BY t.id, t.latest_revision
      HAVING count(r.revision) <> t.latest_revision OR max(r.revision) <> t.latest_revision`);
    expect(broken).toEqual([]);
  });

  it('leaves every revision whole: its objects are the nodes its summary counts', async () => {
    const broken = await query(`
      SELECT topology_id, revision FROM topology_revisions
       WHERE jsonb_array_length(objects->'nodes') <> (summary->>'nodes')::int`);
    expect(broken).toEqual([]);
  });

  it('leaves every finished plan with all its placements, and no placements without a finished plan', async () => {
    const broken = await query(`
      SELECT p.id, p.status, p.progress_total, count(pp.ordinal)::int AS stored FROM plans p
        LEFT JOIN plan_placements pp ON pp.plan_id = p.id
       GROUP BY p.id
      HAVING (p.status = 'succeeded' AND count(pp.ordinal) <> p.progress_total)
          OR (p.status <> 'succeeded' AND count(pp.ordinal) <> 0)`);
    expect(broken).toEqual([]);
  });

  it('kept every write the server acknowledged, and the test really cut writes off', async () => {
    const topologies = await query<{ id: string; latest_revision: number }>('SELECT id, latest_revision FROM topologies');
    const stored = new Map(topologies.map((row) => [row.id, row.latest_revision]));
    for (const id of acknowledged.topologies) expect(stored.has(id), `topology ${id}`).toBe(true);
    for (const [id, revision] of acknowledged.revisions) expect(stored.get(id)!, `revision of ${id}`).toBeGreaterThanOrEqual(revision);
    const plans = new Set((await query<{ id: string }>('SELECT id FROM plans')).map((row) => row.id));
    for (const id of acknowledged.plans) expect(plans.has(id), `plan ${id}`).toBe(true);
    const revisionRows = await query<{ count: number }>('SELECT count(*)::int AS count FROM topology_revisions');
    console.log(
      `crash loop: ${ROUNDS} SIGKILLs during ${attempted} writes, ${acknowledgedWrites} acknowledged (${acknowledged.plans.size} plans); ` +
        `the database holds ${stored.size} topologies, ${revisionRows[0].count} revisions, ${plans.size} plans — all whole`,
    );
    expect(acknowledgedWrites).toBeGreaterThan(0);
    expect(acknowledgedWrites).toBeLessThan(attempted);
  });
});
