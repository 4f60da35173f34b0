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
/** Notified with a webhook's id when it changed or went (migration 0016). */
export const WEBHOOKS_CHANNEL = 'phone_shop_webhooks';

/** Results written by one statement at most. */
const MAX_WRITE = 500;
/** Results are written this long after the first of them, with those that came meanwhile... */
const FLUSH_AFTER_MS = 200;
/** ... or at once when this many wait. */
const FLUSH_AT = 100;

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

/** One endpoint's deliveries in this process: claimed and waiting their turn, and in flight. */
interface Endpoint {
  queue: { delivery: ClaimedDelivery; leaseEnds: number }[];
  inFlight: number;
  /** How long its answers take (a moving average, ms); null until the first one. */
  latencyMs: number | null;
  /** Its last claim got less than it asked: nothing more is due until new events or the poll. */
  drained: boolean;
}

/** An attempt is started only when its lease outlasts it by this much (else the lease is given back). */
const LEASE_MARGIN_MS = 1000;
/** A delivery due longer ago than this is behind: catching up (WEBHOOKS_BACKLOG_RATE). A live one
 * is claimed within moments of its event or of its retry falling due (the 5 s poll). */
const BEHIND_MS = 10_000;
/** Deliveries behind start in bursts of this many milliseconds' allowance. */
const BEHIND_BURST_MS = 100;
/** Results waiting to be written, at most: attempts wait for the writes rather than pile results up. */
const MAX_PENDING = MAX_WRITE * 2;
/** Fan-out statements (of WEBHOOKS_BATCH events) per cycle, at most. */
const FAN_OUT_ROUNDS = 2;
/** New events are taken together: a notification starts a cycle this much later. */
const GATHER_MS = 50;

export class DeliveryEngine {
  private listener: pg.Client | null = null;
  private poll: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private pumpTimer: NodeJS.Timeout | null = null;
  private gatherTimer: NodeJS.Timeout | null = null;
  /** When the next delivery behind may start. */
  private nextBehindAt = 0;
  private running = false;
  private cycling = false;
  private again = false;
  /** New events may wait to be fanned out (a notification, the poll, the start). */
  private fanOutDue = true;
  private readonly endpoints = new Map<string, Endpoint>();
  private inFlightTotal = 0;
  private readonly pending: AttemptResult[] = [];
  /** When the oldest result waiting came. */
  private firstPendingAt = 0;
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
    this.wake(true);
  }

  /**
   * Stops claiming, gives back what it claimed and has not started, waits for the attempts in flight
   * (at most their timeout) and writes their results.
   */
  async stop(): Promise<void> {
    this.running = false;
    for (const timer of [this.poll, this.pumpTimer, this.gatherTimer]) if (timer) clearTimeout(timer);
    await this.giveBack(() => true).catch((error: unknown) =>
      this.logger.warn(error, 'webhooks: claims not given back (their leases run out)'),
    );
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

  /**
   * Runs a cycle now, or right after the one running. `newEvents` when events may wait to be fanned
   * out: every endpoint may then have deliveries due again.
   */
  wake(newEvents = false): void {
    if (!this.running) return;
    if (newEvents) {
      this.fanOutDue = true;
      for (const endpoint of this.endpoints.values()) endpoint.drained = false;
    }
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

  /**
   * A commit of new events: a cycle a moment later takes them with those of the commits meanwhile
   * (one fan-out and one claim for many checkouts, not for each).
   */
  private gather(): void {
    if (this.gatherTimer) return;
    this.gatherTimer = setTimeout(() => {
      this.gatherTimer = null;
      this.wake(true);
    }, GATHER_MS);
  }

  /**
   * How many deliveries of an endpoint this process holds at most (queued and in flight): as many as
   * its slots can attempt in half a lease at the pace it answers (a quick receiver gets a whole batch
   * at a time, claimed in one statement; a slow one no more than its lease covers).
   */
  private depth(endpoint: Endpoint | undefined): number {
    const { batch, perEndpoint, leaseMs, timeoutMs } = this.tools.config;
    const latency = Math.max(endpoint?.latencyMs ?? timeoutMs, 1);
    const rounds = Math.max(1, Math.floor(leaseMs / 2 / latency));
    return Math.max(perEndpoint, Math.min(batch, perEndpoint * rounds));
  }

  private room(endpoint: Endpoint): number {
    return endpoint.drained
      ? 0
      : Math.max(0, this.depth(endpoint) - endpoint.queue.length - endpoint.inFlight);
  }

  private async cycle(): Promise<void> {
    const { config } = this.tools;
    // Fan out what is new first, the claims below then see its deliveries: a few batches a cycle, so
    // that a burst of events is sent while the rest of it is fanned out (all of it first held back
    // the first delivery of 20,000 events by a second).
    let moreToFanOut = false;
    if (this.fanOutDue) {
      this.fanOutDue = false;
      for (let round = 0; this.running && !moreToFanOut; round += 1) {
        const full = (await fanOut(this.knex, this.subscribers, config.batch)) === config.batch;
        if (!full) break;
        moreToFanOut = round + 1 >= FAN_OUT_ROUNDS;
      }
    }
    // Endpoints with nothing due and nothing held are forgotten (the map stays as small as the work).
    for (const [key, endpoint] of this.endpoints)
      if (endpoint.drained && endpoint.inFlight === 0 && endpoint.queue.length === 0)
        this.endpoints.delete(key);
    // Claim while there is room; what is claimed waits in its endpoint's queue for a slot.
    const capacity = config.batch * 2;
    for (;;) {
      const limit = Math.min(capacity - this.held(), config.batch);
      if (!this.running || limit <= 0) break;
      const room = new Map([...this.endpoints].map(([key, endpoint]) => [key, this.room(endpoint)]));
      const claimedAt = Date.now();
      const claimed = await claim(this.knex, this.subscribers, {
        limit,
        room,
        defaultRoom: this.depth(undefined),
        leaseMs: config.leaseMs,
        token: randomUUID(),
      });
      if (this.stopping()) {
        await release(this.knex, claimed);
        return;
      }
      const got = new Map<string, number>();
      for (const delivery of claimed) {
        got.set(delivery.endpoint, (got.get(delivery.endpoint) ?? 0) + 1);
        this.endpointOf(delivery.endpoint).queue.push({ delivery, leaseEnds: claimedAt + config.leaseMs });
      }
      // An endpoint that got less than its room has nothing more due (when the limit did not cut).
      if (claimed.length < limit) {
        for (const [key, asked] of room)
          if (asked > 0 && (got.get(key) ?? 0) < asked) this.endpointOf(key).drained = true;
        for (const [key, n] of got)
          if (!room.has(key) && n < this.depth(undefined)) this.endpointOf(key).drained = true;
      }
      this.pump();
      if (claimed.length < limit) break;
    }
    // The rest of a burst: the next cycle follows at once.
    if (moreToFanOut) this.wake(true);
    if (Date.now() - this.lastPrune > 3_600_000) {
      this.lastPrune = Date.now();
      const pruned = await prune(this.knex, config.retentionMs);
      if (pruned.events + pruned.attempts > 0)
        this.logger.info(
          `webhooks: pruned ${String(pruned.events)} delivered events and ${String(pruned.attempts)} attempt logs`,
        );
    }
  }

  /** Deliveries claimed and not yet attempted, and attempts in flight, over every endpoint. */
  private held(): number {
    let held = 0;
    for (const endpoint of this.endpoints.values()) held += endpoint.queue.length + endpoint.inFlight;
    return held;
  }

  private endpointOf(key: string): Endpoint {
    let endpoint = this.endpoints.get(key);
    if (!endpoint) {
      endpoint = { queue: [], inFlight: 0, latencyMs: null, drained: false };
      this.endpoints.set(key, endpoint);
    }
    return endpoint;
  }

  /**
   * Starts attempts from the queues, a turn per endpoint while slots are free (per endpoint and in
   * all) and the results waiting to be written are few. A delivery whose lease would end before its
   * attempt could is given back instead. Deliveries behind (due for a while: a receiver that was
   * down, retries) go at WEBHOOKS_BACKLOG_RATE at most, so that catching up never crowds the tills.
   */
  private pump(): void {
    const { concurrency, perEndpoint, timeoutMs, backlogRate } = this.tools.config;
    let turned = true;
    while (turned && this.running && this.inFlightTotal < concurrency && this.pending.length < MAX_PENDING) {
      turned = false;
      for (const [key, endpoint] of this.endpoints) {
        if (this.inFlightTotal >= concurrency) break;
        const next = endpoint.queue[0];
        if (!next || endpoint.inFlight >= perEndpoint) continue;
        const now = Date.now();
        if (next.leaseEnds - now < timeoutMs + LEASE_MARGIN_MS) {
          void this.giveBack((delivery) => delivery.endpoint === key).catch((error: unknown) =>
            this.logger.warn(error, 'webhooks: claims not given back (their leases run out)'),
          );
          continue;
        }
        if (now - new Date(next.delivery.next_attempt_at).getTime() > BEHIND_MS) {
          if (this.nextBehindAt > now) {
            // Woken when a burst's worth is allowed, not for each (a timer per delivery cost more
            // than its sending).
            this.pumpAt(this.nextBehindAt + BEHIND_BURST_MS);
            continue;
          }
          this.nextBehindAt = Math.max(this.nextBehindAt, now - BEHIND_BURST_MS) + 1000 / backlogRate;
        }
        endpoint.queue.shift();
        this.launch(endpoint, next.delivery);
        turned = true;
      }
    }
  }

  /** Pumps again at `at` (a delivery behind waits for its turn). */
  private pumpAt(at: number): void {
    if (this.pumpTimer) return;
    this.pumpTimer = setTimeout(
      () => {
        this.pumpTimer = null;
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
  }

  /**
   * An endpoint changed (its address, secret, state) or went: what was claimed of it and not started
   * goes back, to be claimed again as it now is.
   */
  private forget(key: string): void {
    const endpoint = this.endpoints.get(key);
    if (!endpoint) return;
    // giveBack takes the queue before it awaits anything: the endpoint can be forgotten right after.
    const givenBack = this.giveBack((delivery) => delivery.endpoint === key);
    endpoint.drained = false;
    endpoint.latencyMs = null;
    if (endpoint.inFlight === 0) this.endpoints.delete(key);
    void givenBack
      .then(() => this.wake())
      .catch((error: unknown) =>
        this.logger.warn(error, 'webhooks: claims not given back (their leases run out)'),
      );
  }

  /** Gives back the queued deliveries `which` picks (not attempted: they keep their attempt count). */
  private async giveBack(which: (delivery: ClaimedDelivery) => boolean): Promise<void> {
    const returned: ClaimedDelivery[] = [];
    for (const endpoint of this.endpoints.values()) {
      const kept = endpoint.queue.filter((queued) => !which(queued.delivery));
      for (const queued of endpoint.queue) if (which(queued.delivery)) returned.push(queued.delivery);
      endpoint.queue = kept;
    }
    await release(this.knex, returned);
  }

  private launch(endpoint: Endpoint, delivery: ClaimedDelivery): void {
    this.inFlightTotal += 1;
    endpoint.inFlight += 1;
    const running = attempt(delivery, this.tools)
      .then((result) => {
        endpoint.latencyMs =
          endpoint.latencyMs === null
            ? result.durationMs
            : endpoint.latencyMs * 0.8 + result.durationMs * 0.2;
        if (this.pending.length === 0) this.firstPendingAt = Date.now();
        this.pending.push(result);
        this.scheduleFlush();
      })
      .catch((error: unknown) => this.logger.error(error, 'webhooks: an attempt failed unexpectedly'))
      .finally(() => {
        this.attempts.delete(running);
        this.inFlightTotal -= 1;
        endpoint.inFlight -= 1;
        this.pump();
        // Half empty, and more may be due: claim again.
        if (!endpoint.drained && endpoint.queue.length < this.depth(endpoint) / 2) this.wake();
      });
    this.attempts.add(running);
  }

  /**
   * Results are written together: at once when many wait, else FLUSH_AFTER_MS after the first of
   * them; while a write is in progress they wait for it. A write does not follow the previous one at
   * once for the few results that came meanwhile: at a steady pace that made a transaction of three
   * results every few milliseconds (69 writes a second for 250 deliveries, each paying a whole
   * write's statements), which cost more than the deliveries themselves.
   */
  private scheduleFlush(): void {
    if (this.writing || this.pending.length === 0) return;
    if (this.pending.length >= FLUSH_AT) {
      void this.flush();
      return;
    }
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(
      () => void this.flush(),
      Math.max(0, this.firstPendingAt + FLUSH_AFTER_MS - Date.now()),
    );
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
        // What came meanwhile is written in its turn; attempts held back by the results waiting go on.
        this.scheduleFlush();
        this.pump();
      });
    this.writing = writing;
    await writing;
  }

  /** LISTEN on a connection of its own, reconnecting with a pause when it drops. */
  private async listen(): Promise<void> {
    if (!this.running) return;
    const client = new pg.Client(this.connection);
    client.on('notification', (message) => {
      if (message.channel === WEBHOOKS_CHANNEL) this.forget(`webhook:${message.payload ?? ''}`);
      else this.gather();
    });
    client.on('error', (error) => {
      this.logger.warn(error, 'webhooks: the LISTEN connection failed; polling until it is back');
      void client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      setTimeout(() => void this.listen().catch(() => undefined), 2000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}; LISTEN ${WEBHOOKS_CHANNEL}`);
      this.listener = client;
      this.wake(true);
    } catch (error) {
      this.logger.warn(error, 'webhooks: could not LISTEN; polling until it can');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 2000).unref();
    }
  }
}
