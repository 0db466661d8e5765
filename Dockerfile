# syntax=docker/dockerfile:1
# podplan's image: built with the full toolchain, run from production
# dependencies only, as an unprivileged user, on a root filesystem it never
# writes to. No Docker engine runs in CI: test/deploy/image-build.test.ts
# repeats these stages' COPY and RUN steps in a temporary directory and starts
# the result, and test/deploy/image-files.test.ts checks this file statically.
# README "Container image and docker compose" says which parts CI verifies.

# The current Node LTS line (CI itself runs Node 20; see README "Container image and docker compose").
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
# swagger-ui's install script reports downloads to Scarf unless told not to.
ENV SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: this package's own `prepare` script is the build, and the
# sources are not here yet. `npm rebuild` then runs the dependencies' install
# scripts, which --ignore-scripts skipped too.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund && npm rebuild
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY web ./web
RUN npm run build

# A separate install rather than `npm prune` of the build stage: nothing the
# build wrote into node_modules (caches, dev tools' binaries) can leak through.
# TypeScript is an optional peer of @nestjs/graphql and @nestjs/swagger, so npm
# marks it devOptional and --omit=dev keeps it; nothing loads it at run time.
# (--omit=optional would drop every optional dependency, platform binaries included.)
FROM ${NODE_IMAGE} AS production-dependencies
ENV SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm rebuild && rm -r node_modules/typescript

FROM ${NODE_IMAGE} AS runtime
# NODE_ENV=production: the GraphQL schema stays in memory (no schema.gql is
# written); the committed schema.gql is what it serves. HOST=0.0.0.0 needs
# PODPLAN_ADMIN_KEY (or PODPLAN_ALLOW_UNAUTHENTICATED=true): the service
# refuses to listen without one of them.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PODPLAN_DATA_DIR=/data
WORKDIR /app
# package.json: `"type": "module"` for dist's ES modules, and the package root the viewer is found from.
COPY package.json ./
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/migrations ./dist/migrations
COPY --from=build /app/dist/web ./dist/web
COPY --from=build /app/dist/graphiql ./dist/graphiql
# The embedded store's directory (used only without DATABASE_URL), writable by
# the service's user; everything under /app stays root's and read-only to it.
RUN mkdir /data && chown 1000:1000 /data
# The base image's `node` user, by number so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/readyz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
