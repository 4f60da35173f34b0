// Defaults of a Directus instance of the platform. Anything set in the environment wins; secrets are
// generated on first start into the data folder, never committed.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface InstanceConfig {
  /** Folder for the embedded database, uploads and generated secrets. */
  dataDir: string;
  port: number;
  /** A PostgreSQL URL; unset means an embedded PostgreSQL in dataDir. */
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  adminEmail: string;
  adminPassword: string;
  demoPassword: string;
  logLevel: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): InstanceConfig {
  return {
    dataDir: path.resolve(ROOT, env['DATA_DIR'] ?? '.data'),
    port: Number(env['PORT'] ?? 8055),
    databaseUrl: env['DATABASE_URL'] || undefined,
    embeddedPgPort: Number(env['EMBEDDED_PG_PORT'] ?? 54329),
    adminEmail: env['ADMIN_EMAIL'] ?? 'admin@example.com',
    adminPassword: env['ADMIN_PASSWORD'] ?? 'admin-password-1',
    demoPassword: env['DEMO_PASSWORD'] ?? 'demo-password-1',
    logLevel: env['LOG_LEVEL'] ?? 'warn',
  };
}

/** A secret kept in the data folder so that tokens survive restarts. */
function persistentSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, `${name}.secret`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(32).toString('hex');
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

/** The environment Directus runs with. */
export function directusEnv(config: InstanceConfig, databaseUrl: string): Record<string, string> {
  const publicUrl = process.env['PUBLIC_URL'] ?? `http://localhost:${config.port}`;
  const defaults: Record<string, string> = {
    HOST: '0.0.0.0',
    PORT: String(config.port),
    PUBLIC_URL: publicUrl,
    SECRET: process.env['SECRET'] ?? persistentSecret(config.dataDir, 'directus'),
    DB_CLIENT: 'pg',
    DB_CONNECTION_STRING: databaseUrl,
    ADMIN_EMAIL: config.adminEmail,
    ADMIN_PASSWORD: config.adminPassword,
    EXTENSIONS_PATH: path.join(ROOT, 'extensions'),
    EXTENSIONS_AUTO_RELOAD: 'false',
    // The built front end, served at /app by the extension's `app` endpoint.
    PHONE_SHOP_UI_PATH: path.join(ROOT, 'admin-ui', 'dist'),
    // Directus would read a .env file of the checkout and let it override this environment; the
    // instance is configured only here and by the environment (a file in the data folder at most).
    CONFIG_PATH: path.join(config.dataDir, 'directus.env'),
    STORAGE_LOCATIONS: 'local',
    STORAGE_LOCAL_ROOT: path.join(config.dataDir, 'uploads'),
    LOG_LEVEL: config.logLevel,
    LOG_STYLE: 'pretty',
    // The spec: 15 minute access tokens, 7 day refresh tokens.
    ACCESS_TOKEN_TTL: '15m',
    REFRESH_TOKEN_TTL: '7d',
    SESSION_COOKIE_TTL: '7d',
    WEBSOCKETS_ENABLED: 'true',
    WEBSOCKETS_GRAPHQL_ENABLED: 'false',
    WEBSOCKETS_LOGS_ENABLED: 'false',
    // Nothing leaves the machine unless configured: no telemetry, no marketplace, no AI, no MCP.
    TELEMETRY: 'false',
    MARKETPLACE_TRUST: 'local',
    AI_ENABLED: 'false',
    MCP_ENABLED: 'false',
    // Business automation runs in extensions and n8n, never in Directus flows (see docs/decisions.md).
    CACHE_ENABLED: 'false',
    CACHE_SCHEMA: 'true',
    // Directus deep-clones its whole schema for every request unless the cached schema is handed out
    // frozen: that clone was 77% of the CPU of an authenticated no-op request here (bench/RESULTS.md).
    CACHE_SCHEMA_FREEZE_ENABLED: 'true',
    CACHE_PERMISSIONS: 'true',
    RATE_LIMITER_ENABLED: 'false',
    GRAPHQL_INTROSPECTION: 'true',
    QUERY_LIMIT_DEFAULT: '100',
    QUERY_LIMIT_MAX: '1000',
    MAX_BATCH_MUTATION: '1000',
    // An import stops at its first refused row and answers at once: with more allowed errors,
    // Directus 11.17.4 can wait forever (and hold a connection) when every row is refused quickly.
    MAX_IMPORT_ERRORS: '1',
    IMPORT_TIMEOUT: '60s',
    EMAIL_TRANSPORT: 'sendmail',
    EMAIL_SENDMAIL_PATH: '/bin/true',
    TZ: 'UTC',
  };
  // Tuning set in the environment wins; what the instance config decides (port, database, admin,
  // folders) does not, so that a test instance never picks up the developer's settings.
  const managed = new Set([
    'PORT',
    'PUBLIC_URL',
    'DB_CONNECTION_STRING',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'SECRET',
  ]);
  const passthrough = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] in defaults && !managed.has(entry[0]),
    ),
  );
  return { ...defaults, ...passthrough };
}
