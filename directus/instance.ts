// One Directus instance of the platform, from an empty or existing database to a serving API:
// database -> `directus bootstrap` -> migrations -> schema snapshot -> server -> access rules.
// `npm start` and the test harness both run it, with different folders and ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { directusEnv, ROOT, type InstanceConfig } from './env.ts';
import { applyMetadata } from './metadata.ts';
import { migrateLatest } from './migrate.ts';
import { startEmbeddedPostgres, ensureDatabase, type Database } from './postgres.ts';

// Directus's own CLI entry without the wrapper of the `directus` package, which first asks the npm
// registry for a newer version on every run.
const DIRECTUS_CLI = path.join(ROOT, 'node_modules', '@directus', 'api', 'dist', 'cli', 'run.js');
const EXTENSION_DIR = path.join(ROOT, 'extensions', 'phone-shop');
export const SNAPSHOT_FILE = path.join(ROOT, 'snapshots', 'schema.json');

/**
 * Node flags of the Directus process. V8 sizes the young generation from the heap limit: on a machine
 * with 24 GB it allows 64 MB semi-spaces, and keeps them once a burst of allocations has used them,
 * about 110 MB of the 360 MB Directus held at rest. With 8 MB semi-spaces it rests at 255 MB and a
 * million-row export peaks under 300 MB (docs/decisions.md, Performance; bench/RESULTS.md).
 */
export const DIRECTUS_NODE_DEFAULTS = ['--max-semi-space-size=8'];

/**
 * glibc's allocator, for Directus (docs/decisions.md, Performance). Each thread that allocates (V8's
 * compiler and GC workers, libuv's pool) gets an arena of its own, up to 8 per core, which keeps what
 * it freed: two arenas hold Directus 10 to 18 MB lower. And glibc raises its mmap threshold to the
 * size of every large block freed (up to 32 MB), so that after a report of 6 MB of JSON the next
 * large buffers come from the arenas and stay there: a fixed threshold of 128 kB (both thresholds at
 * their defaults, which turns the raising off) held the server 40 to 60 MB lower through reports and
 * an export. The checkout and the lookups run as fast either way. The environment wins.
 */
const DIRECTUS_PROCESS_ENV = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; quiet?: boolean },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

export function runDirectusCli(args: string[], env: Record<string, string>): Promise<string> {
  return run(process.execPath, [DIRECTUS_CLI, ...args], { env });
}

/**
 * A fingerprint of the files under the paths (each file's path, size and modification time): it
 * changes when a file is added, changed, moved or deleted, whatever the times of the others.
 */
function sourcesStamp(paths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const root of paths) {
    if (!existsSync(root)) continue;
    const files = statSync(root).isFile()
      ? [root]
      : readdirSync(root, { withFileTypes: true, recursive: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.join(entry.parentPath, entry.name))
          .sort();
    for (const file of files) {
      const { size, mtimeMs } = statSync(file);
      hash.update(`${path.relative(ROOT, file)}\0${String(size)}\0${String(mtimeMs)}\n`);
    }
  }
  return hash.digest('hex');
}

/** Runs `build` unless the stamp file beside `output` holds the sources' current fingerprint. */
async function buildWhenChanged(
  output: string,
  sources: readonly string[],
  build: () => Promise<unknown>,
): Promise<void> {
  const stampFile = path.join(path.dirname(output), '.sources-stamp');
  const stamp = sourcesStamp(sources);
  if (existsSync(output) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  await build();
  writeFileSync(stampFile, stamp);
}

/** Builds the extension bundle when its sources (or the shared access rules) changed since the last build. */
export async function buildExtension(): Promise<void> {
  await buildWhenChanged(
    path.join(EXTENSION_DIR, 'dist', 'api.js'),
    [
      path.join(EXTENSION_DIR, 'src'),
      path.join(ROOT, 'snapshots'),
      path.join(EXTENSION_DIR, 'package.json'),
      path.join(EXTENSION_DIR, 'extension.config.js'),
    ],
    () =>
      run(
        process.execPath,
        [path.join(ROOT, 'node_modules', '.bin', 'directus-extension'), 'build', '--no-minify'],
        { cwd: EXTENSION_DIR },
      ),
  );
}

const UI_DIR = path.join(ROOT, 'admin-ui');

/** Builds the front end (admin-ui/dist, served at /app) when it is missing or its sources changed since the last build. */
export async function buildUi(): Promise<void> {
  // The Vite of the admin-ui workspace (npm may install it there rather than at the root).
  const vite = path.join(
    path.dirname(createRequire(path.join(UI_DIR, 'package.json')).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  await buildWhenChanged(
    path.join(UI_DIR, 'dist', 'index.html'),
    [
      path.join(UI_DIR, 'src'),
      path.join(UI_DIR, 'public'),
      // The enums, the access matrix and, from the backend's domain modules, the repair workflow and
      // the closure arithmetic.
      path.join(ROOT, 'snapshots'),
      path.join(EXTENSION_DIR, 'src', 'domain'),
      path.join(UI_DIR, 'package.json'),
      path.join(UI_DIR, 'vite.config.ts'),
      path.join(UI_DIR, 'index.html'),
    ],
    () => run(process.execPath, [vite, 'build'], { cwd: UI_DIR }),
  );
}

/** The configured PostgreSQL, or an embedded one in the data folder. */
export async function openDatabase(
  config: InstanceConfig,
  embeddedDatabase = 'phoneshop',
): Promise<Database> {
  if (config.databaseUrl) {
    await ensureDatabase(config.databaseUrl);
    return { url: config.databaseUrl, stop: () => Promise.resolve() };
  }
  return startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, embeddedDatabase);
}

export interface SchemaChanges {
  migrations: string[];
  metadataChanges: number;
}

/** Installs or upgrades the schema: Directus system tables, the project's migrations, the snapshot's metadata. */
export async function installSchema(
  env: Record<string, string>,
  databaseUrl: string,
): Promise<SchemaChanges> {
  await runDirectusCli(['bootstrap'], env);
  const applied = await migrateLatest(databaseUrl);
  const metadataChanges = existsSync(SNAPSHOT_FILE) ? await applyMetadata(databaseUrl, SNAPSHOT_FILE) : 0;
  return { migrations: applied, metadataChanges };
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export async function startServer(
  config: InstanceConfig,
  env: Record<string, string>,
  inheritOutput = false,
): Promise<RunningServer> {
  // DIRECTUS_NODE_FLAGS passes flags to Directus's Node, such as `--cpu-prof --cpu-prof-dir=/tmp/prof`
  // to profile it under a benchmark (Node refuses --cpu-prof in NODE_OPTIONS); they come after the
  // project's own, so a flag given there wins.
  const flags = [
    ...DIRECTUS_NODE_DEFAULTS,
    ...(process.env['DIRECTUS_NODE_FLAGS'] ?? '').split(' ').filter(Boolean),
  ];
  const child = spawn(process.execPath, [...flags, DIRECTUS_CLI, 'start'], {
    cwd: ROOT,
    env: { ...DIRECTUS_PROCESS_ENV, ...process.env, ...env },
    stdio: inheritOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${config.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`Directus exited with ${signal ?? String(code)} before it was ready:\n${log}`)),
    ),
  );
  try {
    await Promise.race([waitForHealth(url), exited]);
  } catch (error) {
    // A Directus that did not come up in time must not hold the port for the next attempt.
    child.kill('SIGKILL');
    throw error;
  } finally {
    child.removeAllListeners('exit');
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        // Exited already, by itself or killed by a signal (then exitCode stays null).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // A request Directus cannot finish must not keep it (and the test run) alive.
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

async function waitForHealth(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/server/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Directus did not answer on ${url} within ${timeoutMs / 1000} s`);
}

export { directusEnv };
