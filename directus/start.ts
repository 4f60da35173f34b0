// `npm start`: the whole product on one command. Starts PostgreSQL (embedded unless DATABASE_URL is
// set), installs or upgrades the schema, starts Directus, applies the access rules and, once, the
// demo data; then prints the logins. Ctrl-C stops everything.
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

const config = configFromEnv();
const step = (text: string): void => console.log(`• ${text}`);

let database: Database | undefined;
let server: RunningServer | undefined;
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
  const env = directusEnv(config, database.url);
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

const shutdown = async (): Promise<void> => {
  await stopAll();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
