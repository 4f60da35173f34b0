// Runs the versioned schema changes in directus/migrations with knex's migrator. Directus loads only
// .js custom migrations, so the project's TypeScript migrations run here, right after
// `directus bootstrap` (they extend directus_users and directus_files) and before the snapshot.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import knexFactory, { type Knex } from 'knex';
import { readInt8AsNumber } from '../extensions/phone-shop/src/database/int8.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

interface MigrationModule {
  up: (knex: Knex) => Promise<void>;
  down: (knex: Knex) => Promise<void>;
}

const source: Knex.MigrationSource<string> = {
  getMigrations: () =>
    Promise.resolve(
      readdirSync(MIGRATIONS_DIR)
        .filter((f) => /^\d{4}-[\w-]+\.ts$/.test(f))
        .sort(),
    ),
  getMigrationName: (file) => file,
  getMigration: async (file) =>
    (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as MigrationModule,
};

const MIGRATIONS_TABLE = 'phone_shop_migrations';

/** Applies every pending migration and returns the names of those it ran. */
export async function migrateLatest(databaseUrl: string): Promise<string[]> {
  readInt8AsNumber();
  const knex = knexFactory({ client: 'pg', connection: databaseUrl });
  try {
    const [, applied] = (await knex.migrate.latest({
      migrationSource: source,
      tableName: MIGRATIONS_TABLE,
    })) as [number, string[]];
    return applied;
  } finally {
    await knex.destroy();
  }
}
