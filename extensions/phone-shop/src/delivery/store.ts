// The delivery engine's statements: fan events out into deliveries, claim due deliveries under a
// lease, record what the attempts gave, disable webhooks that keep failing, prune old rows. Every
// one of them is safe with several engines on one database: claims skip rows another engine locked
// or leased (FOR UPDATE SKIP LOCKED, lease_until), and a result is written only by the engine whose
// lease it still is.
import type { Knex } from 'knex';
import { Journal } from '../services/journal.ts';
import type { DeliveryConfig } from './config.ts';
import type { AttemptOutcome } from './send.ts';
import type { ClaimRequest, Subscriber } from './subscribers.ts';

/** A delivery claimed for one attempt, with what is needed to make it. */
export interface ClaimedDelivery {
  id: number;
  shop_id: number;
  subscriber: 'webhook' | 'automation';
  webhook_id: number | null;
  outbox_event_id: number;
  event_type: string;
  /** This attempt's number. */
  attempts: number;
  /** When it fell due. */
  next_attempt_at: Date;
  created_at: Date;
  payload: { event: string; shop_id: number; timestamp: string; data: unknown };
  lease_token: string;
  /** The endpoint's key, for the per-endpoint concurrency: `webhook:12`, `automation`. */
  endpoint: string;
  url: string;
  /** Newest first: the current secret, and the previous one during the 24 hours after a rotation. */
  secrets: string[];
}

export interface AttemptResult extends AttemptOutcome {
  delivery: ClaimedDelivery;
  /** Dead: no more attempts; otherwise when the next one is due (null after a success). */
  dead: boolean;
  nextAttemptAt: Date | null;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * Fans out up to `batch` events that were not yet: one delivery per subscriber of each. An event
 * nobody subscribes to is delivered at once. Returns how many events it took.
 */
export async function fanOut(knex: Knex, subscribers: readonly Subscriber[], batch: number): Promise<number> {
  const targets = subscribers.map((s) => s.targetsSql);
  const result: unknown = await knex.raw(
    `WITH events AS (
       SELECT id, shop_id, event_type, created_at FROM outbox_events
        WHERE fanned_out_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED
     ), targets AS (
       ${targets.map((t) => `(${t.sql})`).join(' UNION ALL ')}
     ), inserted AS (
       INSERT INTO webhook_deliveries (shop_id, outbox_event_id, subscriber, webhook_id, event_type)
       SELECT shop_id, outbox_event_id, subscriber, webhook_id, event_type FROM targets
       ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING
       RETURNING outbox_event_id
     )
     UPDATE outbox_events o
        SET fanned_out_at = now(),
            status = CASE WHEN e.targeted THEN 'pending' ELSE 'delivered' END,
            dispatched_at = CASE WHEN e.targeted THEN NULL ELSE now() END
       -- IN (uncorrelated): one hash of the targets; a join to them was planned as a nested loop
       -- (the events estimated at one row), every event against every target.
       FROM (SELECT id, id IN (SELECT outbox_event_id FROM targets) AS targeted FROM events) e
      WHERE o.id = e.id
     RETURNING o.id`,
    [batch, ...targets.flatMap((t) => t.bindings)],
  );
  return rowsOf(result).length;
}

/** Claims due deliveries of every subscriber, at most `limit` in all and each endpoint's room. */
export async function claim(
  knex: Knex,
  subscribers: readonly Subscriber[],
  request: ClaimRequest,
): Promise<ClaimedDelivery[]> {
  const claimed: ClaimedDelivery[] = [];
  for (const subscriber of subscribers) {
    const left = request.limit - claimed.length;
    if (left <= 0) break;
    claimed.push(...(await subscriber.claim(knex, { ...request, limit: left })));
  }
  return claimed;
}

/** The statement every subscriber's claim ends with: lease the picked deliveries and read their events. */
export const LEASE_PICKED = `
  UPDATE webhook_deliveries d
     SET lease_until = now() + ? * interval '1 millisecond', lease_token = ?, attempts = d.attempts + 1,
         updated_at = now()
    FROM picked p, outbox_events e
   WHERE d.id = p.id AND e.id = d.outbox_event_id
  RETURNING d.id, d.shop_id, d.subscriber, d.webhook_id, d.outbox_event_id, d.event_type, d.attempts,
            d.next_attempt_at, d.created_at, e.payload, d.lease_token, p.url, p.secrets`;

/**
 * Writes the results of some attempts in one transaction: each delivery's state (only while the
 * lease is still this engine's), one log row per attempt, the webhooks' health, the events' state;
 * then disables the webhooks that have failed for WEBHOOKS_GIVE_UP_AFTER and tells their Owners.
 */
export async function record(
  knex: Knex,
  results: readonly AttemptResult[],
  config: Pick<DeliveryConfig, 'giveUpAfterMs' | 'instance'>,
): Promise<void> {
  if (results.length === 0) return;
  const rows = results.map((r) => ({
    id: r.delivery.id,
    token: r.delivery.lease_token,
    attempt: r.delivery.attempts,
    ok: r.ok,
    dead: r.dead,
    next_at: r.nextAttemptAt?.toISOString() ?? null,
    status_code: r.statusCode,
    body: r.body,
    error: r.error,
    duration_ms: r.durationMs,
    started_at: r.startedAt.toISOString(),
  }));
  const webhookIds = [
    ...new Set(results.flatMap((r) => (r.delivery.webhook_id === null ? [] : [r.delivery.webhook_id]))),
  ];
  const eventIds = [...new Set(results.map((r) => r.delivery.outbox_event_id))];
  const ids = results.map((r) => r.delivery.id);
  await withDeadlockRetry(() =>
    knex.transaction(async (trx) => {
      // The webhooks first, in id order: a webhook deleted meanwhile (its deliveries and attempts
      // with it, by cascade) is then either gone before the statements below take their snapshots,
      // or waits for this transaction. Taken after the deliveries, its row lock against the
      // delete's cascade over them was a deadlock. NO KEY UPDATE: the attempts' foreign keys take
      // KEY SHARE on these rows, which does not wait on it (FOR UPDATE would, between two writers).
      if (webhookIds.length > 0)
        await trx.raw('SELECT id FROM webhooks WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE', [
          webhookIds,
        ]);
      await trx.raw(
        `WITH r AS (
           SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, token uuid, attempt integer, ok boolean,
             dead boolean, next_at timestamptz, status_code integer, body text, error text, duration_ms integer,
             started_at timestamptz)
         ), updated AS (
           UPDATE webhook_deliveries d
              SET status = CASE WHEN r.ok THEN 'delivered' WHEN r.dead THEN 'dead' ELSE 'failed' END,
                  next_attempt_at = coalesce(r.next_at, d.next_attempt_at),
                  lease_until = NULL, lease_token = NULL, last_status_code = r.status_code, last_error = r.error,
                  delivered_at = CASE WHEN r.ok THEN now() ELSE d.delivered_at END, updated_at = now()
             FROM r
            -- The rows are found by id (id = ANY), whatever the statistics say: taken between bursts,
            -- they show the due deliveries as almost none, and the planner read them all (through
            -- webhook_deliveries_due_idx, or the table) at each write, the whole backlog each time
            -- (bench/webhooks.bench.ts). NOT IN ('delivered', 'dead') is IN ('pending', 'failed')
            -- (the column's CHECK) in a form that index cannot serve.
            WHERE d.id = ANY(?::bigint[]) AND d.id = r.id AND d.lease_token = r.token
              AND d.status NOT IN ('delivered', 'dead')
           RETURNING d.id
         )
         INSERT INTO webhook_attempts (shop_id, delivery_id, webhook_id, outbox_event_id, event_type, attempt, status,
                                       response_status, response_body, error, duration_ms, sent_by, started_at)
         SELECT d.shop_id, d.id, d.webhook_id, d.outbox_event_id, d.event_type, r.attempt,
                CASE WHEN r.ok THEN 'delivered' ELSE 'failed' END, r.status_code, left(r.body, 1024), r.error,
                r.duration_ms, ?, r.started_at
           FROM r JOIN webhook_deliveries d ON d.id = r.id
          WHERE d.id = ANY(?::bigint[])`,
        [JSON.stringify(rows), ids, config.instance, ids],
      );
      if (webhookIds.length > 0) await updateHealth(trx, webhookIds, rows, results);
      await refreshEvents(trx, eventIds);
      // Only a failure can leave a webhook failing (a success ends its streak).
      const failed = results.some((r) => !r.ok);
      if (failed && webhookIds.length > 0) await disableFailing(trx, webhookIds, config.giveUpAfterMs);
    }),
  );
}

/** Counts the webhooks' successes and failure streaks (record() holds their rows). */
async function updateHealth(
  trx: Knex.Transaction,
  webhookIds: readonly number[],
  rows: readonly { ok: boolean; started_at: string }[],
  results: readonly AttemptResult[],
): Promise<void> {
  const attempts = results.flatMap((r, i) =>
    r.delivery.webhook_id === null ? [] : [{ webhook_id: r.delivery.webhook_id, ...rows[i] }],
  );
  await trx.raw(
    `WITH a AS (
       SELECT * FROM jsonb_to_recordset(?::jsonb) AS a(webhook_id integer, ok boolean, started_at timestamptz)
     ), last AS (
       SELECT webhook_id, max(started_at) FILTER (WHERE ok) AS last_ok, max(started_at) FILTER (WHERE NOT ok) AS last_fail
         FROM a GROUP BY webhook_id
     ), s AS (
       SELECT l.webhook_id, l.last_ok, l.last_fail,
              count(*) FILTER (WHERE NOT a.ok AND a.started_at > coalesce(l.last_ok, '-infinity')) AS fails,
              min(a.started_at) FILTER (WHERE NOT a.ok AND a.started_at > coalesce(l.last_ok, '-infinity')) AS first_fail
         FROM last l JOIN a USING (webhook_id) GROUP BY l.webhook_id, l.last_ok, l.last_fail
     )
     UPDATE webhooks w
        SET last_success_at = greatest(w.last_success_at, s.last_ok),
            last_failure_at = greatest(w.last_failure_at, s.last_fail),
            failure_streak = CASE WHEN s.last_ok IS NULL THEN w.failure_streak + s.fails ELSE s.fails END,
            failing_since = CASE WHEN s.last_ok IS NULL THEN coalesce(w.failing_since, s.first_fail) ELSE s.first_fail END
       FROM s WHERE w.id = s.webhook_id`,
    [JSON.stringify(attempts)],
  );
}

/**
 * An event's state is its deliveries': pending or failed while one of them is, then dead when one
 * gave up, else delivered.
 */
export async function refreshEvents(trx: Knex, eventIds: readonly number[]): Promise<void> {
  if (eventIds.length === 0) return;
  await trx.raw('SELECT id FROM outbox_events WHERE id = ANY(?) ORDER BY id FOR UPDATE', [eventIds]);
  await trx.raw(
    `UPDATE outbox_events e
        SET status = a.status, dispatched_at = CASE WHEN a.status = 'delivered' THEN now() END,
            attempts = a.attempts, last_error = a.last_error
       FROM (SELECT x.id, coalesce(sum(d.attempts), 0)::integer AS attempts,
                    (array_agg(d.last_error ORDER BY d.updated_at DESC NULLS LAST) FILTER (WHERE d.last_error IS NOT NULL))[1] AS last_error,
                    CASE WHEN bool_or(d.status = 'pending') THEN 'pending'
                         WHEN bool_or(d.status = 'failed') THEN 'failed'
                         WHEN bool_or(d.status = 'dead') THEN 'dead'
                         ELSE 'delivered' END AS status
               FROM unnest(?::bigint[]) AS x(id) LEFT JOIN webhook_deliveries d ON d.outbox_event_id = x.id
              GROUP BY x.id) a
      WHERE e.id = a.id AND e.fanned_out_at IS NOT NULL`,
    [eventIds],
  );
}

/** Webhooks failing every attempt for WEBHOOKS_GIVE_UP_AFTER are disabled, their Owners told why. */
async function disableFailing(
  trx: Knex.Transaction,
  webhookIds: readonly number[],
  giveUpAfterMs: number,
): Promise<void> {
  const disabled = rowsOf<{
    id: number;
    shop_id: number;
    url: string;
    failing_since: Date;
    last_error: string | null;
  }>(
    await trx.raw(
      `UPDATE webhooks w
          SET is_active = false, disabled_at = now(), updated_at = now(),
              disabled_reason = 'Every delivery failed since ' || to_char(w.failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
                || coalesce(' (last error: ' || (SELECT last_error FROM webhook_deliveries d WHERE d.webhook_id = w.id
                     AND d.last_error IS NOT NULL ORDER BY d.updated_at DESC LIMIT 1) || ')', '')
        WHERE w.id = ANY(?) AND w.is_active AND w.failing_since <= now() - ? * interval '1 millisecond'
        RETURNING w.id, w.shop_id, w.url, w.failing_since, w.disabled_reason AS last_error`,
      [webhookIds, giveUpAfterMs],
    ),
  );
  if (disabled.length === 0) return;
  const ended = rowsOf<{ outbox_event_id: number }>(
    await trx.raw(
      `UPDATE webhook_deliveries SET status = 'dead', lease_until = NULL, lease_token = NULL, updated_at = now(),
              last_error = 'the webhook was disabled after failing for too long'
        WHERE webhook_id = ANY(?) AND status IN ('pending', 'failed')
        RETURNING outbox_event_id`,
      [disabled.map((w) => w.id)],
    ),
  );
  await refreshEvents(trx, [...new Set(ended.map((e) => e.outbox_event_id))]);
  const journal = new Journal();
  for (const hook of disabled) {
    journal.notify(
      hook.shop_id,
      { roles: ['Owner'] },
      {
        title: 'Webhook disabled',
        message: `The webhook to ${hook.url} was turned off. ${hook.last_error ?? ''} Fix the receiver, then enable it again in Settings › Webhooks.`,
        type: 'webhook.disabled',
        link: `/settings/webhooks/${String(hook.id)}`,
      },
    );
    journal.append('audit_logs', {
      shop_id: hook.shop_id,
      user_id: null,
      entity_type: 'webhooks',
      entity_id: String(hook.id),
      action: 'disable',
      old_value: { is_active: true },
      new_value: { is_active: false, reason: hook.last_error },
    });
  }
  await journal.flush(trx);
}

/** Gives back claims this engine will not attempt (it is stopping). */
export async function release(knex: Knex, deliveries: readonly ClaimedDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await knex.raw(
    `UPDATE webhook_deliveries d SET lease_until = NULL, lease_token = NULL, attempts = greatest(d.attempts - 1, 0)
      FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, token uuid)
     WHERE d.id = r.id AND d.lease_token = r.token`,
    [JSON.stringify(deliveries.map((d) => ({ id: d.id, token: d.lease_token })))],
  );
}

/** Delivered events and attempt logs older than the retention (OUTBOX_RETENTION_DAYS), a batch at a time. */
export async function prune(
  knex: Knex,
  retentionMs: number,
  batch = 5000,
): Promise<{ events: number; attempts: number }> {
  const count = async (sql: string): Promise<number> => {
    let total = 0;
    for (let round = 0; round < 100; round += 1) {
      const removed = rowsOf(await knex.raw(sql, [retentionMs, batch])).length;
      total += removed;
      if (removed < batch) break;
    }
    return total;
  };
  const attempts = await count(
    `DELETE FROM webhook_attempts WHERE id IN (
       SELECT id FROM webhook_attempts WHERE created_at < now() - ? * interval '1 millisecond' LIMIT ?)
     RETURNING id`,
  );
  const events = await count(
    `DELETE FROM outbox_events WHERE id IN (
       SELECT id FROM outbox_events WHERE status = 'delivered' AND created_at < now() - ? * interval '1 millisecond'
        LIMIT ?)
     RETURNING id`,
  );
  return { events, attempts };
}

/** PostgreSQL picked this transaction to end a deadlock: try again (each try is whole). */
async function withDeadlockRetry<T>(fn: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== '40P01' && code !== '40001') || attempt >= tries) throw error;
    }
  }
}
