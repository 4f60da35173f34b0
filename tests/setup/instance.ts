// The integration suite's own Directus and PostgreSQL: embedded in a temporary folder, or the server
// of TEST_DATABASE_URL, whose database name must mark it as a test database because the harness
// wipes it. Started once for the whole run (vitest globalSetup); the tests reach it over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyAccess } from '../../directus/access.ts';
import { adminSession } from '../../directus/admin-client.ts';
import { configFromEnv, directusEnv, type InstanceConfig } from '../../directus/env.ts';
import {
  buildExtension,
  installSchema,
  openDatabase,
  startServer,
  type RunningServer,
} from '../../directus/instance.ts';
import { seedDemo } from '../../directus/seed.ts';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };
export const DEMO_PASSWORD = 'demo-password-1';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Refuses any database whose name does not say it is for tests, then empties it. */
export async function resetTestDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/test/i.test(name)) {
    throw new Error(
      `TEST_DATABASE_URL names the database "${name}"; the tests wipe it, so its name must contain "test".`,
    );
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await client.end();
  }
}

export interface TestInstance {
  baseUrl: string;
  databaseUrl: string;
  /** The Directus process, for benchmarks that measure its memory. */
  serverPid: number | undefined;
  /** The first Directus process (a test may kill it). */
  server: RunningServer;
  /**
   * Starts one more Directus on the same database, on a port of its own: a second replica, or the
   * server again after a test killed it. Stopped with the instance.
   */
  startReplica: (env?: Record<string, string>) => Promise<RunningServer>;
  stop: () => Promise<void>;
}

/**
 * Rate limits that run but never refuse: the suites that test other things send hundreds of requests
 * a minute from one account and one address. The security suite (tests/security) runs its own
 * instance with the limits of production.
 */
export const UNREFUSING_LIMITS: Record<string, string> = Object.fromEntries(
  [
    'USER',
    'ANONYMOUS',
    'EXPENSIVE',
    'RESET_ADDRESS',
    'RESET_EMAIL',
    'SERVER_TIME',
    'SHOP_SERVER_TIME',
  ].flatMap((name) => [
    [`RATE_LIMIT_${name}_POINTS`, '1000000000'],
    [`RATE_LIMIT_${name}_BURST`, '1000000'],
  ]),
);

/**
 * Webhooks in the tests: receivers on 127.0.0.1 over http, retries in fractions of a second, a poll
 * that picks them up as fast. The checks of production (https, public addresses) run on an instance
 * of the security suite without these.
 */
export const TEST_DELIVERY: Record<string, string> = {
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  WEBHOOKS_RETRY_DELAYS: '300ms',
  WEBHOOKS_POLL_INTERVAL: '200ms',
  WEBHOOKS_TIMEOUT: '2s',
  WEBHOOKS_LEASE: '5s',
};

export async function startTestInstance(
  options: { env?: Record<string, string> } = {},
): Promise<TestInstance> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'phone-shop-test-'));
  const testDatabaseUrl = process.env['TEST_DATABASE_URL'];
  const config: InstanceConfig = {
    ...configFromEnv({}),
    dataDir,
    port: await freePort(),
    embeddedPgPort: await freePort(),
    databaseUrl: testDatabaseUrl,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    demoPassword: DEMO_PASSWORD,
    logLevel: 'error',
  };
  if (testDatabaseUrl) await resetTestDatabase(testDatabaseUrl);
  await buildExtension();
  const database = await openDatabase(config, 'phoneshop_test');
  const env = {
    ...directusEnv(config, database.url),
    SECRET: 'test-secret-not-for-production-0123456789',
    ...TEST_DELIVERY,
    ...(options.env ?? UNREFUSING_LIMITS),
  };
  await installSchema(env, database.url);
  const server = await startServer(config, env);
  const admin = await adminSession(server.url, ADMIN.email, ADMIN.password);
  await applyAccess(admin);
  await seedDemo(admin, database.url, DEMO_PASSWORD);
  const replicas: RunningServer[] = [];
  return {
    baseUrl: server.url,
    databaseUrl: database.url,
    serverPid: server.process.pid,
    server,
    startReplica: async (extra = {}) => {
      // Its own PORT: the environment's is the first server's, which Directus would listen on.
      const port = await freePort();
      const replica = await startServer({ ...config, port }, { ...env, PORT: String(port), ...extra });
      replicas.push(replica);
      return replica;
    },
    stop: async () => {
      await Promise.all(replicas.map((r) => r.stop()));
      await server.stop();
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
