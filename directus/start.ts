// `npm start`: the whole product on one command. Starts PostgreSQL (embedded unless DATABASE_URL is
// set), installs or upgrades the schema, starts Directus, applies the access rules and, once, the
// demo data; then prints the logins. Ctrl-C stops everything.
import { applyAccess } from './access.ts';
import { adminSession } from './admin-client.ts';
import { configFromEnv, directusEnv } from './env.ts';
import { buildExtension, installSchema, openDatabase, startServer } from './instance.ts';
import { DEMO_LOGINS, seedDemo } from './seed.ts';

const config = configFromEnv();
const step = (text: string): void => console.log(`• ${text}`);

step('building the extension');
await buildExtension();
step(
  config.databaseUrl ? 'connecting to DATABASE_URL' : `starting the embedded PostgreSQL in ${config.dataDir}`,
);
const database = await openDatabase(config);
const env = directusEnv(config, database.url);
step('installing the schema');
const schema = await installSchema(env, database.url);
if (schema.migrations.length > 0) step(`applied migrations: ${schema.migrations.join(', ')}`);
step(`schema metadata: ${schema.metadataChanges === 0 ? 'up to date' : `${schema.metadataChanges} changes`}`);
step('starting Directus');
const server = await startServer(config, env, true);
const admin = await adminSession(server.url, config.adminEmail, config.adminPassword);
const changes = await applyAccess(admin);
step(`access rules: ${changes.summary}`);
const seeded = await seedDemo(admin, database.url, config.demoPassword);
step(seeded ? 'seeded the demo shops' : 'demo data already present');

console.log(`
Phone shop platform is running on ${server.url}
  API:     ${server.url}/api and ${server.url}/items
  Studio:  ${server.url}/admin
Logins (password ${config.demoPassword === 'demo-password-1' ? 'demo-password-1' : 'from DEMO_PASSWORD'}):
${DEMO_LOGINS.map((l) => `  ${l.role.padEnd(10)} ${l.email}`).join('\n')}
  Platform admin: ${config.adminEmail} (password from ADMIN_PASSWORD)
`);

const shutdown = async (): Promise<void> => {
  await server.stop();
  await database.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
