/**
 * The Dockerfile, .dockerignore, docker-compose.yml and .env.example, read
 * statically (no Docker engine runs in CI): the npm steps cannot run the build
 * before the sources are there, the final image holds production dependencies
 * only and runs unprivileged, every setting they pass is one src/config reads
 * and validates, and the compose stack's API binds 0.0.0.0 with an admin key.
 * test/deploy/image-build.test.ts runs the same steps for real.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_VARIABLES, loadAppConfig } from '../../src/config/app-config.js';
import { ComposeInterpolationError, loadComposeFile, parseEnvFile, type ComposeFile, type ComposeService } from './support/compose.js';
import {
  copyStepOf,
  environmentOf,
  healthcheckCommandOf,
  instructionsOf,
  parseDockerfile,
  runCommandsOf,
  stageNamed,
  type DockerStage,
} from './support/dockerfile.js';

const repositoryFile = (path: string) => new URL(`../../${path}`, import.meta.url);
const read = (path: string) => readFileSync(repositoryFile(path), 'utf8');

const dockerfile = parseDockerfile(read('Dockerfile'));
const runtime = dockerfile.stages.at(-1)!;
const envExample = parseEnvFile(read('.env.example'));
const compose = loadComposeFile(read('docker-compose.yml'), envExample);

function npmCommands(stage: DockerStage): string[] {
  return instructionsOf(stage, 'RUN').flatMap(runCommandsOf).filter((command) => command.startsWith('npm '));
}

function words(command: string): string[] {
  return command.split(/\s+/);
}

/** The image's ENV under the service's own: what the process sees. */
function serviceEnvironment(service: ComposeService): Record<string, string> {
  return { ...environmentOf(runtime), ...service.environment };
}

describe('the Dockerfile', () => {
  it('builds every stage on the current Node LTS image', () => {
    expect(dockerfile.stages.map((stage) => stage.name)).toEqual(['build', 'production-dependencies', 'runtime']);
    for (const stage of dockerfile.stages) expect(stage.baseImage).toBe('node:24-slim');
  });

  it('installs with --ignore-scripts (the package`s `prepare` is the build) and builds only once the sources are copied', () => {
    const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(packageJson.scripts.prepare, 'the premise: `prepare` builds').toBe('npm run build');
    const installs = dockerfile.stages.flatMap(npmCommands).filter((command) => words(command)[1] === 'ci');
    expect(installs).toHaveLength(2);
    for (const install of installs) expect(words(install)).toContain('--ignore-scripts');

    const build = stageNamed(dockerfile, 'build');
    const buildIndex = build.instructions.findIndex((instruction) => instruction.keyword === 'RUN' && runCommandsOf(instruction).includes('npm run build'));
    expect(buildIndex).toBeGreaterThan(0);
    const copiedBeforeBuild = build.instructions
      .slice(0, buildIndex)
      .filter((instruction) => instruction.keyword === 'COPY')
      .flatMap((instruction) => copyStepOf(instruction).sources);
    // Everything `npm run build` (tsc -p tsconfig.build.json, then web/'s tsc and vite) reads.
    expect(copiedBeforeBuild).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'migrations', 'web']));
  });

  it('gives the final image only production dependencies and the compiled service', () => {
    const production = stageNamed(dockerfile, 'production-dependencies');
    expect(npmCommands(production).filter((command) => words(command)[1] === 'ci').map(words)[0]).toContain('--omit=dev');
    // --omit=dev keeps devOptional packages (devDependencies that are also optional peers of production ones): removed by name.
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { devOptional?: boolean }> };
    const devOptional = Object.entries(lock.packages).filter(([, entry]) => entry.devOptional).map(([path]) => `rm -r ${path}`);
    const removals = instructionsOf(production, 'RUN').flatMap(runCommandsOf).filter((command) => command.startsWith('rm '));
    expect(removals.sort()).toEqual(devOptional.sort());
    const copies = instructionsOf(runtime, 'COPY').map(copyStepOf);
    const fromStages = copies.filter((copy) => copy.fromStage !== undefined);
    expect(fromStages.find((copy) => copy.destination === './node_modules')?.fromStage).toBe('production-dependencies');
    for (const copy of fromStages.filter((each) => each.fromStage === 'build')) {
      for (const source of copy.sources) expect(source).toMatch(/^\/app\/dist\/(src|migrations|web|graphiql)$/);
    }
    // No npm in the final stage: nothing installs or builds there.
    expect(npmCommands(runtime)).toEqual([]);
  });

  it('runs the service unprivileged, by numeric user, with NODE_ENV=production so no schema.gql is written', () => {
    const [user] = instructionsOf(runtime, 'USER');
    expect(user.text).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(instructionsOf(runtime, 'CMD')[0].execForm).toEqual(['node', 'dist/src/main.js']);
    expect(existsSync(repositoryFile('src/main.ts'))).toBe(true);
    const environment = environmentOf(runtime);
    expect(environment.NODE_ENV).toBe('production');
    // What src/main.ts asks for outside production, refused here.
    expect(loadAppConfig({ ...environment, PODPLAN_ADMIN_KEY: envExample.PODPLAN_ADMIN_KEY }, {}, { schemaFile: 'schema.gql' }).schemaFile).toBeUndefined();
    expect(instructionsOf(runtime, 'COPY').flatMap((instruction) => copyStepOf(instruction).sources)).not.toContain('schema.gql');
  });

  it('creates /data, the embedded store`s volume, for that user (the one step no test can run outside a container)', () => {
    const [user] = instructionsOf(runtime, 'USER');
    const commands = instructionsOf(runtime, 'RUN').flatMap(runCommandsOf);
    expect(commands).toEqual(['mkdir /data', `chown ${user.text} /data`]);
    expect(environmentOf(runtime).PODPLAN_DATA_DIR).toBe('/data');
    expect(instructionsOf(runtime, 'VOLUME')[0].execForm).toEqual(['/data']);
  });

  it('sets only variables src/config reads, and probes /readyz on $PORT', () => {
    const environment = environmentOf(runtime);
    for (const name of Object.keys(environment).filter((each) => each !== 'NODE_ENV')) expect(ENVIRONMENT_VARIABLES).toContain(name);
    expect(loadAppConfig({ ...environment, PODPLAN_ADMIN_KEY: envExample.PODPLAN_ADMIN_KEY })).toMatchObject({ host: '0.0.0.0', port: 3000 });
    const [healthcheck] = instructionsOf(runtime, 'HEALTHCHECK');
    expect(healthcheckCommandOf(healthcheck).join(' ')).toContain("'http://127.0.0.1:' + process.env.PORT + '/readyz'");
  });

  it('copies from the build context only what .dockerignore lets in, and .dockerignore keeps secrets and builds out', () => {
    const lines = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    // An allow-list: exclude everything, then re-include by name.
    expect(lines[0]).toBe('*');
    const allowed = lines.slice(1).map((line) => {
      expect(line.startsWith('!'), `.dockerignore line "${line}"`).toBe(true);
      return line.slice(1);
    });
    const fromContext = dockerfile.stages.flatMap((stage) => instructionsOf(stage, 'COPY').map(copyStepOf)).filter((copy) => copy.fromStage === undefined);
    const copiedSources = new Set(fromContext.flatMap((copy) => copy.sources));
    expect([...copiedSources].sort()).toEqual([...allowed].sort());
    for (const kept of ['.env', '.git', 'node_modules', 'dist', 'test', '.podplan']) expect(allowed).not.toContain(kept);
  });
});

describe('docker-compose.yml', () => {
  const podplanServices = ['migrate', 'api', 'worker'] as const;

  it('runs Postgres, a one-shot migrate, the API and two workers, all from the image the Dockerfile builds', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'worker']);
    for (const name of podplanServices) expect(compose.services[name]).toMatchObject({ build: '.', image: 'podplan:local' });
    expect(compose.services.worker.deploy).toEqual({ replicas: 2 });
    expect(compose.services.migrate.command).toEqual(['node', 'dist/src/database/migrate.js']);
    expect(existsSync(repositoryFile('src/database/migrate.ts'))).toBe(true);
  });

  it('starts the API and workers only after Postgres is healthy and migrate has succeeded', () => {
    expect(compose.services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'worker']) {
      expect(compose.services[name].depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('restarts the long-running services and not the one-shot migrate', () => {
    for (const name of ['postgres', 'api', 'worker']) expect(['always', 'unless-stopped']).toContain(compose.services[name].restart);
    expect(compose.services.migrate.restart).toBe('no');
  });

  it('health-checks Postgres with pg_isready and the API and workers on /readyz at their PORT', () => {
    expect(compose.services.postgres.healthcheck!.test!.join(' ')).toContain('pg_isready');
    for (const name of ['api', 'worker']) {
      const service = compose.services[name];
      const port = loadAppConfig(serviceEnvironment(service)).port;
      expect(service.healthcheck!.test!.join(' ')).toContain(`http://127.0.0.1:${port}/readyz`);
    }
  });

  it('runs podplan read-only, without capabilities or privilege escalation', () => {
    for (const name of podplanServices) {
      expect(compose.services[name]).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
    }
  });

  it('configures the API to listen on 0.0.0.0 with the admin key from .env, and the workers on the same database', () => {
    for (const name of podplanServices) {
      for (const variable of Object.keys(compose.services[name].environment ?? {})) expect(ENVIRONMENT_VARIABLES).toContain(variable);
    }
    const api = loadAppConfig(serviceEnvironment(compose.services.api));
    expect(api).toMatchObject({ host: '0.0.0.0', auth: { adminKey: envExample.PODPLAN_ADMIN_KEY }, jobs: { role: 'serve' } });
    const worker = loadAppConfig(serviceEnvironment(compose.services.worker));
    expect(worker.jobs?.role).toBe('worker');
    const migrate = loadAppConfig(serviceEnvironment(compose.services.migrate));
    for (const config of [api, worker, migrate]) {
      expect(config.database).toEqual({ kind: 'postgres', url: `postgres://podplan:${envExample.POSTGRES_PASSWORD}@postgres:5432/podplan` });
    }
    expect(compose.services.postgres.environment).toMatchObject({ POSTGRES_USER: 'podplan', POSTGRES_DB: 'podplan', POSTGRES_PASSWORD: envExample.POSTGRES_PASSWORD });
  });

  it('refuses to start without the secrets .env.example documents', () => {
    const text = read('docker-compose.yml');
    expect(() => loadComposeFile(text, {})).toThrow(ComposeInterpolationError);
    expect(() => loadComposeFile(text, { ...envExample, PODPLAN_ADMIN_KEY: '' })).toThrow(/PODPLAN_ADMIN_KEY.*\.env\.example/);
  });

  it('keeps .env out of git (the .dockerignore allow-list keeps it out of builds)', () => {
    expect(read('.gitignore').split('\n')).toContain('.env');
    expect(existsSync(repositoryFile('.env.example'))).toBe(true);
  });

  it('publishes only the API, on loopback', () => {
    const published = Object.entries(compose.services as ComposeFile['services']).filter(([, service]) => service.ports !== undefined);
    expect(published.map(([name]) => name)).toEqual(['api']);
    expect(compose.services.api.ports).toEqual([`127.0.0.1:${envExample.PODPLAN_PORT}:3000`]);
  });
});
