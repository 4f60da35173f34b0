// Who receives the events: each kind of subscriber says which deliveries an event gets (a SELECT over
// the events being fanned out, CTE `events`) and how its due deliveries are claimed. The shop's
// webhooks are one kind; the platform's automation endpoint (n8n) is the other, added with the
// notifications.
import type { Knex } from 'knex';
import { LEASE_PICKED, type ClaimedDelivery } from './store.ts';

export interface ClaimRequest {
  limit: number;
  /** How many more deliveries this process takes of each endpoint it knows, per endpoint key. */
  room: ReadonlyMap<string, number>;
  /** ... and of an endpoint it does not know yet. */
  defaultRoom: number;
  leaseMs: number;
  token: string;
}

export interface Subscriber {
  kind: 'webhook' | 'automation';
  /** Rows (shop_id, outbox_event_id, subscriber, webhook_id, event_type) for the events of CTE `events`. */
  targetsSql: { sql: string; bindings: Knex.RawBinding[] };
  claim: (knex: Knex, request: ClaimRequest) => Promise<ClaimedDelivery[]>;
}

type ClaimedRow = Omit<ClaimedDelivery, 'endpoint'>;

/**
 * The shop's active webhooks subscribed to the event's type (or to every type), that existed when the
 * event happened. Claims take, in a random order of the webhooks, at most each one's room.
 */
export const webhookSubscriber: Subscriber = {
  kind: 'webhook',
  targetsSql: {
    sql: `SELECT e.shop_id, e.id AS outbox_event_id, 'webhook' AS subscriber, w.id AS webhook_id, e.event_type
            FROM events e
            JOIN webhooks w ON w.shop_id = e.shop_id AND w.is_active AND w.created_at <= e.created_at
             AND (w.events @> jsonb_build_array(e.event_type) OR w.events @> '["*"]')
           WHERE e.event_type <> 'webhook.test'`,
    bindings: [],
  },
  claim: async (knex, request) => {
    const room: Record<string, number> = {};
    for (const [key, n] of request.room) if (key.startsWith('webhook:')) room[key.slice(8)] = n;
    const result: unknown = await knex.raw(
      `WITH endpoints AS (
         SELECT w.id, w.url,
                CASE WHEN w.previous_secret_expires_at > now() THEN jsonb_build_array(w.secret, w.previous_secret)
                     ELSE jsonb_build_array(w.secret) END AS secrets,
                coalesce((?::jsonb ->> w.id::text)::integer, ?::integer) AS slots
           FROM webhooks w WHERE w.is_active ORDER BY random()
       ), picked AS (
         SELECT d.id, ep.url, ep.secrets
           FROM endpoints ep CROSS JOIN LATERAL (
             SELECT d.id FROM webhook_deliveries d
              WHERE d.webhook_id = ep.id AND d.status IN ('pending', 'failed') AND d.next_attempt_at <= now()
                AND (d.lease_until IS NULL OR d.lease_until < now())
              ORDER BY d.next_attempt_at, d.id LIMIT ep.slots
              FOR UPDATE SKIP LOCKED) d
          LIMIT ?
       )
       ${LEASE_PICKED}`,
      [JSON.stringify(room), request.defaultRoom, request.limit, request.leaseMs, request.token],
    );
    return (result as { rows: ClaimedRow[] }).rows.map((row) => ({
      ...row,
      endpoint: `webhook:${String(row.webhook_id)}`,
    }));
  },
};
