// The supervisor of `npm start` driving real processes: a small Node HTTP server stands in for
// Directus, answering /server/health until it is told (by its environment) to exit or to hang.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  formatDuration,
  supervise,
  SUPERVISION_LIMITS,
  type SupervisedServer,
  type SupervisionLimits,
} from './supervise.ts';

/**
 * Listens on a free port and prints it. CRASH_AFTER_MS: exits with code 3 that long after. HANG_AFTER_MS:
 * from then on leaves every request unanswered and ignores SIGTERM, like a blocked event loop.
 */
const FAKE_DIRECTUS = `
const http = require('node:http');
let answering = true;
const server = http.createServer((_request, response) => {
  if (answering) response.end('{"status":"ok"}');
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(server.address().port + '\\n');
  const crash = Number(process.env.CRASH_AFTER_MS || 0);
  if (crash) setTimeout(() => process.exit(3), crash);
  const hang = Number(process.env.HANG_AFTER_MS || 0);
  if (hang) setTimeout(() => { answering = false; process.on('SIGTERM', () => undefined); }, hang);
});
`;

type Behaviour = { crashAfterMs?: number; hangAfterMs?: number } | 'refuse';

const children: ChildProcess[] = [];
const exitTimes = new Map<ChildProcess, number>();
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  exitTimes.clear();
});

/** Starts a fake Directus and resolves once it listens, like `startServer`. */
function startFake(behaviour: Behaviour): Promise<SupervisedServer> {
  if (behaviour === 'refuse') {
    return new Promise((_, reject) =>
      setTimeout(() => reject(new Error('Directus exited with 1 before it was ready:\nno database')), 300),
    );
  }
  const child = spawn(process.execPath, ['-e', FAKE_DIRECTUS], {
    env: {
      ...process.env,
      CRASH_AFTER_MS: String(behaviour.crashAfterMs ?? 0),
      HANG_AFTER_MS: String(behaviour.hangAfterMs ?? 0),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  child.once('exit', () => exitTimes.set(child, Date.now()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake Directus exited with ${String(code)}`)));
    child.stdout.once('data', (chunk: Buffer) => {
      resolve({ url: `http://127.0.0.1:${chunk.toString().trim()}`, process: child });
    });
  });
}

/** Fast thresholds; the health checks are off (an hour apart) unless a test turns them on. */
const FAST: Partial<SupervisionLimits> = {
  backoffBaseMs: 100,
  backoffMaxMs: 1_000,
  healthyResetMs: 60_000,
  maxCrashes: 10,
  crashWindowMs: 60_000,
  probeIntervalMs: 3_600_000,
  killGraceMs: 200,
};

/**
 * A supervisor over fake servers: the first behaviour is the running server's, each restart takes
 * the next one (the last one repeats).
 */
async function harness(behaviours: Behaviour[], limits: Partial<SupervisionLimits> = {}) {
  const log: string[] = [];
  const starts: { at: number; server?: SupervisedServer }[] = [];
  const events: string[] = [];
  const next = (): Behaviour => behaviours[Math.min(starts.length, behaviours.length - 1)] ?? {};
  const first = await startFake(next());
  starts.push({ at: Date.now(), server: first });
  const supervisor = supervise({
    server: first,
    start: async () => {
      const start: { at: number; server?: SupervisedServer } = { at: Date.now() };
      const behaviour = next();
      starts.push(start);
      start.server = await startFake(behaviour);
      return start.server;
    },
    stopDatabase: () => {
      events.push('database stopped');
      return Promise.resolve();
    },
    log: (line) => {
      log.push(line);
      events.push(line);
    },
    limits: { ...FAST, ...limits },
  });
  const until = async (done: () => boolean, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out; the log:\n${log.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const count = (pattern: RegExp): number => log.filter((line) => pattern.test(line)).length;
  return { supervisor, log, starts, events, until, count };
}

describe('supervise', () => {
  it('restarts a Directus that exits, waiting twice as long after each failure in a row', async () => {
    const { supervisor, log, starts, until, count } = await harness([
      { crashAfterMs: 150 },
      { crashAfterMs: 150 },
      { crashAfterMs: 150 },
      {},
    ]);
    await until(() => count(/running again/) === 3);

    expect(log.filter((line) => line.startsWith('Directus stopped'))).toEqual([
      expect.stringMatching(/^Directus stopped \(exit code 3\) after [^;]+; restarting it in 100 ms$/),
      expect.stringMatching(/^Directus stopped \(exit code 3\) after [^;]+; restarting it in 200 ms$/),
      expect.stringMatching(/^Directus stopped \(exit code 3\) after [^;]+; restarting it in 400 ms$/),
    ]);
    expect(log.filter((line) => line.startsWith('Directus is running again'))).toEqual([
      `Directus is running again (pid ${String(starts[1]?.server?.process.pid)})`,
      `Directus is running again (pid ${String(starts[2]?.server?.process.pid)})`,
      `Directus is running again (pid ${String(starts[3]?.server?.process.pid)})`,
    ]);
    // Each restart came after its wait.
    const waits = [1, 2, 3].map((i) => {
      const crashed = exitTimes.get(starts[i - 1]?.server?.process as ChildProcess) ?? Infinity;
      return (starts[i]?.at ?? 0) - crashed;
    });
    expect(waits[0]).toBeGreaterThanOrEqual(95);
    expect(waits[1]).toBeGreaterThanOrEqual(195);
    expect(waits[2]).toBeGreaterThanOrEqual(395);
    expect(await supervisor.stop()).toBe(0);
    expect(starts).toHaveLength(4);
  });

  it('starts again from the first wait after a run longer than healthyResetMs', async () => {
    const { supervisor, log, until, count } = await harness(
      [{ crashAfterMs: 50 }, { crashAfterMs: 50 }, { crashAfterMs: 600 }, {}],
      { healthyResetMs: 400 },
    );
    await until(() => count(/running again/) === 3);
    expect(
      log.filter((line) => line.startsWith('Directus stopped')).map((line) => line.split('; ')[1]),
    ).toEqual(['restarting it in 100 ms', 'restarting it in 200 ms', 'restarting it in 100 ms']);
    expect(await supervisor.stop()).toBe(0);
  });

  it('does not take a restart that failed slowly for a healthy run', async () => {
    const { supervisor, log, until, count } = await harness([{ crashAfterMs: 50 }, 'refuse', 'refuse', {}], {
      healthyResetMs: 250,
    });
    await until(() => count(/running again/) === 1);
    expect(log.slice(0, 3).map((line) => line.split('; ')[1])).toEqual([
      'restarting it in 100 ms',
      'restarting it in 200 ms',
      'restarting it in 400 ms',
    ]);
    expect(await supervisor.stop()).toBe(0);
  });

  it('gives up after maxCrashes failures within the window: stops the database and finishes with 1', async () => {
    // Exits, exits again, then does not come up at all.
    const { supervisor, log, starts, events } = await harness(
      [{ crashAfterMs: 50 }, { crashAfterMs: 50 }, 'refuse'],
      { maxCrashes: 3, backoffBaseMs: 50 },
    );
    expect(await supervisor.finished).toBe(1);
    expect(log).toEqual([
      expect.stringMatching(/^Directus stopped \(exit code 3\) after [^;]+; restarting it in 50 ms$/),
      expect.stringMatching(/^Directus is running again/),
      expect.stringMatching(/^Directus stopped \(exit code 3\) after [^;]+; restarting it in 100 ms$/),
      'Directus did not start again (Directus exited with 1 before it was ready): 3 failures within 1 min, ' +
        'not restarting it again; stopping and exiting with code 1 for the service manager to take over',
    ]);
    expect(events.at(-1)).toBe('database stopped');
    expect(events.filter((event) => event === 'database stopped')).toHaveLength(1);
    // No restart after giving up, and stop() then only reports the outcome.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(starts).toHaveLength(3);
    expect(await supervisor.stop()).toBe(1);
  });

  it('stops a Directus that no longer answers /server/health (SIGKILL when it ignores SIGTERM) and restarts it', async () => {
    const { supervisor, log, starts, until, count } = await harness([{ hangAfterMs: 200 }, {}], {
      probeIntervalMs: 50,
      probeTimeoutMs: 300,
      maxProbeFailures: 3,
      killGraceMs: 200,
    });
    const hung = starts[0]?.server as SupervisedServer;
    await until(() => count(/running again/) === 1);

    expect(log).toEqual([
      `Directus has not answered ${hung.url}/server/health 3 times in a row: stopping it`,
      expect.stringMatching(
        /^Directus stopped \(signal SIGKILL, as it was not answering\) after [^;]+; restarting it in 100 ms$/,
      ),
      `Directus is running again (pid ${String(starts[1]?.server?.process.pid)})`,
    ]);
    expect(hung.process.signalCode).toBe('SIGKILL');
    // The new one answers, so it is left alone.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(starts).toHaveLength(2);
    expect(await supervisor.stop()).toBe(0);
  });

  it('on stop() stops Directus, then the database, and restarts nothing', async () => {
    const { supervisor, starts, events } = await harness([{}]);
    const server = starts[0]?.server as SupervisedServer;
    server.process.once('exit', () => events.push('Directus exited'));

    expect(await supervisor.stop()).toBe(0);
    expect(server.process.signalCode).toBe('SIGTERM');
    expect(events).toEqual(['Directus exited', 'database stopped']);
    expect(await supervisor.finished).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(starts).toHaveLength(1);
  });

  it('exits with 1 when the database does not stop in time', async () => {
    const first = await startFake({});
    const log: string[] = [];
    const supervisor = supervise({
      server: first,
      start: () => startFake({}),
      // An embedded PostgreSQL that died already: its stop never resolves.
      stopDatabase: () => new Promise<void>(() => undefined),
      log: (line) => log.push(line),
      limits: { ...FAST, databaseStopMs: 200 },
    });

    expect(await supervisor.stop()).toBe(1);
    expect(first.process.signalCode).toBe('SIGTERM');
    expect(log).toEqual(['The database did not stop cleanly: no answer within 200 ms']);
  });

  it('on stop() during the wait before a restart, restarts nothing', async () => {
    const { supervisor, log, starts, until, events } = await harness([{ crashAfterMs: 50 }], {
      backoffBaseMs: 300,
    });
    await until(() => log.length === 1);
    expect(log[0]).toMatch(/restarting it in 300 ms$/);

    expect(await supervisor.stop()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(starts).toHaveLength(1);
    expect(events.at(-1)).toBe('database stopped');
  });

  it('on stop() during a restart, stops the Directus that restart brings up', async () => {
    const { supervisor, starts, until, count } = await harness([{ crashAfterMs: 50 }, {}]);
    await until(() => starts.length === 2);

    expect(await supervisor.stop()).toBe(0);
    const restarted = starts[1]?.server as SupervisedServer;
    expect(restarted.process.signalCode).toBe('SIGTERM');
    expect(count(/running again/)).toBe(0);
  });
});

describe('backoffDelay', () => {
  it('doubles from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(SUPERVISION_LIMITS.maxCrashes).toBe(5);
  });
});

describe('formatDuration', () => {
  it('says how long in at most two units', () => {
    expect([850, 12_000, 252_000, 300_000, 11_100_000, 187_200_000].map(formatDuration)).toEqual([
      '850 ms',
      '12 s',
      '4 min 12 s',
      '5 min',
      '3 h 5 min',
      '2 d 4 h',
    ]);
  });
});
