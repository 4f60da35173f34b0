// `npm start` keeps its promise when Directus dies: the real start script, with its own embedded
// PostgreSQL in a temporary folder (not the suite's shared instance), restarts a Directus killed
// with SIGKILL, and still stops everything and exits with 0 on SIGTERM.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../directus/env.ts';
import { freePort } from '../setup/instance.ts';

let start: ChildProcess;
let output = '';
let dataDir: string;
let baseUrl: string;
let postgresPort: number;

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; npm start said:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/server/health`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The pid of the start script's Directus child (its other child is PostgreSQL). */
function directusPid(): number {
  const children = execFileSync('ps', ['--ppid', String(start.pid), '-o', 'pid=,args='], {
    encoding: 'utf8',
  });
  const line = children.split('\n').find((row) => row.includes('cli/run.js start'));
  if (!line) throw new Error(`no Directus among the children of npm start:\n${children}`);
  return Number(line.trim().split(/\s+/)[0]);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'phone-shop-supervision-'));
  const port = await freePort();
  postgresPort = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(postgresPort),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
  };
  delete env['DATABASE_URL'];
  delete env['PUBLIC_URL'];
  // Its own process group, so that whatever is left after a failure can be killed at once.
  start = spawn(process.execPath, ['directus/start.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until('npm start to be running', () => output.includes('Phone shop platform is running'), 180_000);
});

afterAll(() => {
  if (start.pid !== undefined && start.exitCode === null && start.signalCode === null) {
    process.kill(-start.pid, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start supervises Directus', () => {
  it('restarts a Directus killed with SIGKILL, and says why', async () => {
    const killed = directusPid();
    process.kill(killed, 'SIGKILL');

    await until('the restart', () => output.includes('Directus is running again'), 60_000);
    expect(output).toMatch(
      /• Directus stopped \(signal SIGKILL\) after \d+ (ms|s|min)[^;]*; restarting it in 1 s\n/,
    );
    expect(await healthy()).toBe(true);
    expect(directusPid()).not.toBe(killed);
    expect(start.exitCode).toBeNull();
  }, 90_000);

  it('on SIGTERM stops Directus and PostgreSQL and exits with 0', async () => {
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    start.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(await listening(postgresPort)).toBe(false);
    expect(await healthy()).toBe(false);
    expect(output).not.toMatch(/restarting it in[^\n]*\n[^]*restarting it in/);
  }, 60_000);
});
