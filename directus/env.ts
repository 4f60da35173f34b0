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

/**
 * Every statement of Directus's connections is cancelled by PostgreSQL after this long: a request
 * is answered at the same limit (REQUEST_TIME_BUDGET), and no query outlives it. A transaction left
 * idle (a request that died mid-way) releases its locks after a minute.
 */
export const STATEMENT_TIMEOUT_MS = 30_000;
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/** The database URL with the session settings every Directus connection runs with. */
export function withSessionLimits(databaseUrl: string, statementTimeoutMs = STATEMENT_TIMEOUT_MS): string {
  const url = new URL(databaseUrl);
  const options = [
    url.searchParams.get('options'),
    `-c statement_timeout=${statementTimeoutMs}`,
    `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_TIMEOUT_MS}`,
  ]
    .filter(Boolean)
    .join(' ');
  url.searchParams.set('options', options);
  return url.toString();
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
    DB_CONNECTION_STRING: withSessionLimits(
      databaseUrl,
      Number(process.env['DB_STATEMENT_TIMEOUT_MS'] ?? STATEMENT_TIMEOUT_MS),
    ),
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
    // Directus's own limiter counts per address only; the extension's limits (security/rate-limits.ts)
    // count per user, per address for anonymous calls, and for expensive calls (docs/security.md).
    RATE_LIMITER_ENABLED: 'false',
    RATE_LIMIT_ENABLED: 'true',
    // The client's address is the connection's: X-Forwarded-For is believed only from a proxy named
    // here (e.g. "loopback" or its address), else anyone could pick the address the allow-lists and
    // per-address limits see.
    IP_TRUST_PROXY: 'false',
    // Relational depth of fields, filters, sorts and deep, REST and GraphQL alike: the app needs 2
    // (customer_id.name), Studio 3 (a role's policies' names); each level costs about 2.5 times the one
    // before it (docs/security.md).
    MAX_RELATIONAL_DEPTH: '3',
    GRAPHQL_QUERY_TOKEN_LIMIT: '1000',
    // The time every request may take (exports get 10 minutes); PostgreSQL stops at the same limit.
    REQUEST_TIME_BUDGET: `${STATEMENT_TIMEOUT_MS / 1000}s`,
    // The largest upload of any purpose (security/uploads.ts checks each purpose's own limit).
    FILES_MAX_UPLOAD_SIZE: '20mb',
    LOGIN_STALL_TIME: '500',
    GRAPHQL_INTROSPECTION: 'true',
    QUERY_LIMIT_DEFAULT: '100',
    QUERY_LIMIT_MAX: '1000',
    MAX_BATCH_MUTATION: '1000',
    // An import stops at its first refused row and answers at once: with more allowed errors,
    // Directus 11.17.4 can wait forever (and hold a connection) when every row is refused quickly.
    MAX_IMPORT_ERRORS: '1',
    IMPORT_TIMEOUT: '60s',
    // Webhooks (delivery/config.ts, docs/operations.md): https and public addresses only, unless
    // WEBHOOKS_ALLOW_PRIVATE (npm start sets it, for a receiver on the developer's own machine).
    WEBHOOKS_ALLOW_PRIVATE: 'false',
    WEBHOOKS_DELIVERY_ENABLED: 'true',
    WEBHOOKS_TIMEOUT: '10s',
    WEBHOOKS_RETRY_DELAYS: '1m,5m,30m,2h,8h,24h',
    WEBHOOKS_GIVE_UP_AFTER: '3d',
    WEBHOOKS_LEASE: '60s',
    WEBHOOKS_CONCURRENCY: '64',
    WEBHOOKS_ENDPOINT_CONCURRENCY: '16',
    WEBHOOKS_POLL_INTERVAL: '5s',
    WEBHOOKS_BATCH: '200',
    WEBHOOKS_BACKLOG_RATE: '250',
    OUTBOX_RETENTION_DAYS: '30',
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
