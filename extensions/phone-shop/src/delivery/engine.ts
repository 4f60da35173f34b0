// The delivery engine: takes events out of the outbox and delivers them to their subscribers, at
// least once. It wakes when PostgreSQL notifies a commit of new events (LISTEN phone_shop_outbox) and
// on a slow poll (retries falling due, a lost notification), fans new events out, claims due
// deliveries under a lease, attempts them concurrently (WEBHOOKS_CONCURRENCY in all,
// WEBHOOKS_ENDPOINT_CONCURRENCY per endpoint, so a slow receiver holds only its own slots) and
// writes the results in batches. Several engines (replicas) share the work through the database.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { API_VERSION, eventId, type EventEnvelope } from '../events/catalogue.ts';
import type { DeliveryConfig } from './config.ts';
import { afterFailure } from './retry.ts';
import type { Sender } from './send.ts';
import type { Signer } from './signing.ts';
import { claim, fanOut, prune, record, release, type AttemptResult, type ClaimedDelivery } from './store.ts';
import type { Subscriber } from './subscribers.ts';

interface Logger {
  info: (msg: string) => void;
  warn: (obj: unknown, msg?: string) => void;
  error: (obj: unknown, msg?: string) => void;
}

export const OUTBOX_CHANNEL = 'phone_shop_outbox';

/** Results written by one statement at most. */
const MAX_WRITE = 500;

/** The body of a delivery: the spec's payload, with the event's id and the API version. */
export function envelopeOf(delivery: Pick<ClaimedDelivery, 'outbox_event_id' | 'payload'>): EventEnvelope {
  const { event, shop_id, timestamp, data } = delivery.payload;
  return { id: eventId(delivery.outbox_event_id), event, api_version: API_VERSION, shop_id, timestamp, data };
}

/** Makes one attempt of a claimed delivery and says what comes next. */
export async function attempt(
  delivery: ClaimedDelivery,
  tools: { sender: Sender; signer: Signer; config: DeliveryConfig },
  options: { retry: boolean } = { retry: true },
): Promise<AttemptResult> {
  const envelope = envelopeOf(delivery);
  const body = JSON.stringify(envelope);
  const outcome = await tools.sender.post(
    delivery.url,
    body,
    tools.signer.headers(envelope.id, new Date(), body, delivery.secrets),
  );
  if (outcome.ok) return { ...outcome, delivery, dead: false, nextAttemptAt: null };
  const next = options.retry
    ? afterFailure(delivery.attempts, new Date(delivery.created_at), new Date(), tools.config)
    : ({ dead: true } as const);
  return { ...outcome, delivery, dead: next.dead, nextAttemptAt: next.dead ? null : next.at };
}

export class DeliveryEngine {
  private listener: pg.Client | null = null;
  private poll: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private running = false;
  private cycling = false;
  private again = false;
  /** New events may wait to be fanned out (a notification, the poll, the start). */
  private fanOutDue = true;
  private readonly inFlight = new Map<string, number>();
  private inFlightTotal = 0;
  private readonly pending: AttemptResult[] = [];
  /** The one write of results in progress: the next waits for it (see flush). */
  private writing: Promise<void> | null = null;
  private readonly attempts = new Set<Promise<void>>();
  private lastPrune = 0;

  private readonly knex: Knex;
  private readonly connection: pg.ClientConfig;
  private readonly subscribers: readonly Subscriber[];
  private readonly tools: { sender: Sender; signer: Signer; config: DeliveryConfig };
  private readonly logger: Logger;

  constructor(
    knex: Knex,
    connection: pg.ClientConfig,
    subscribers: readonly Subscriber[],
    tools: { sender: Sender; signer: Signer; config: DeliveryConfig },
    logger: Logger,
  ) {
    this.knex = knex;
    this.connection = connection;
    this.subscribers = subscribers;
    this.tools = tools;
    this.logger = logger;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.listen();
    this.poll = setInterval(() => this.wake(true), this.tools.config.pollMs);
    this.poll.unref();
    this.wake();
  }

  /** Stops claiming, waits for the attempts in flight (at most their timeout) and writes their results. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.poll) clearInterval(this.poll);
    await Promise.allSettled([...this.attempts]);
    while (this.pending.length > 0 || this.writing) await this.flush();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** Read after an await: stop() may have run meanwhile. */
  private stopping(): boolean {
    return !this.running;
  }

  /** Runs a cycle now, or right after the one running; `newEvents` when events may wait to be fanned out. */
  wake(newEvents = false): void {
    if (!this.running) return;
    if (newEvents) this.fanOutDue = true;
    if (this.cycling) {
      this.again = true;
      return;
    }
    this.cycling = true;
    void this.cycle()
      .catch((error: unknown) => this.logger.error(error, 'webhooks: a delivery cycle failed'))
      .finally(() => {
        this.cycling = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async cycle(): Promise<void> {
    const { config } = this.tools;
    // Fan out everything new first: the claims below then see its deliveries.
    if (this.fanOutDue) {
      this.fanOutDue = false;
      while (this.running && (await fanOut(this.knex, this.subscribers, config.batch)) === config.batch);
    }
    let claimed: ClaimedDelivery[];
    let limit: number;
    do {
      const free = config.concurrency - this.inFlightTotal;
      if (!this.running || free <= 0) return;
      limit = Math.min(free, config.batch);
      claimed = await claim(this.knex, this.subscribers, {
        limit,
        perEndpoint: config.perEndpoint,
        busy: this.inFlight,
        leaseMs: config.leaseMs,
        token: randomUUID(),
      });
      if (this.stopping()) {
        await release(this.knex, claimed);
        return;
      }
      for (const delivery of claimed) this.launch(delivery);
      // Fewer than asked: nothing more is due now (or its endpoints are busy).
    } while (claimed.length === limit);
    if (Date.now() - this.lastPrune > 3_600_000) {
      this.lastPrune = Date.now();
      const pruned = await prune(this.knex, config.retentionMs);
      if (pruned.events + pruned.attempts > 0)
        this.logger.info(
          `webhooks: pruned ${String(pruned.events)} delivered events and ${String(pruned.attempts)} attempt logs`,
        );
    }
  }

  private launch(delivery: ClaimedDelivery): void {
    this.inFlightTotal += 1;
    this.inFlight.set(delivery.endpoint, (this.inFlight.get(delivery.endpoint) ?? 0) + 1);
    const running = attempt(delivery, this.tools)
      .then((result) => {
        this.pending.push(result);
        this.scheduleFlush();
      })
      .catch((error: unknown) => this.logger.error(error, 'webhooks: an attempt failed unexpectedly'))
      .finally(() => {
        this.attempts.delete(running);
        this.inFlightTotal -= 1;
        const left = (this.inFlight.get(delivery.endpoint) ?? 1) - 1;
        if (left > 0) this.inFlight.set(delivery.endpoint, left);
        else this.inFlight.delete(delivery.endpoint);
        this.wake();
      });
    this.attempts.add(running);
  }

  /**
   * Results are written together: at once when many wait, else after a few milliseconds; while a
   * write is in progress they wait for it, and the next write takes them all.
   */
  private scheduleFlush(): void {
    if (this.writing) return;
    if (this.pending.length >= 100) {
      void this.flush();
      return;
    }
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => void this.flush(), 5);
  }

  /**
   * Writes the results waiting, one write at a time: concurrent writes would only queue on the
   * webhook's row (record() locks it), each holding one of the engine's few connections, which the
   * claims then wait for (bench/webhooks.bench.ts).
   */
  private async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    while (this.writing) await this.writing;
    const batch = this.pending.splice(0, MAX_WRITE);
    if (batch.length === 0) return;
    const writing = record(this.knex, batch, this.tools.config)
      .catch((error: unknown) => {
        // The leases run out and the deliveries are attempted again: at least once.
        this.logger.error(error, 'webhooks: the results of some attempts could not be written');
      })
      .finally(() => {
        this.writing = null;
        // What came meanwhile is written now (it waited for this write).
        if (this.pending.length > 0) void this.flush();
      });
    this.writing = writing;
    await writing;
  }

  /** LISTEN on a connection of its own, reconnecting with a pause when it drops. */
  private async listen(): Promise<void> {
    if (!this.running) return;
    const client = new pg.Client(this.connection);
    client.on('notification', () => this.wake(true));
    client.on('error', (error) => {
      this.logger.warn(error, 'webhooks: the LISTEN connection failed; polling until it is back');
      void client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      setTimeout(() => void this.listen().catch(() => undefined), 2000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
      this.wake(true);
    } catch (error) {
      this.logger.warn(error, 'webhooks: could not LISTEN; polling until it can');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 2000).unref();
    }
  }
}
