// What the shop's Owner sees of the deliveries: each webhook's attempt log, a redelivery on request,
// and the shop's recent events for an integrator catching up after an outage; and the platform
// admin's dead letters across shops. Cursors are the last id seen (rows are read newest first).
import type { Knex } from 'knex';
import { isStoredId } from '../../domain/ranges.ts';
import { InvalidFieldError, NotFoundError } from '../../errors.ts';
import { envelopeOf, OUTBOX_CHANNEL, refreshEvents } from '../../delivery/index.ts';
import type { EventEnvelope } from '../../events/catalogue.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { requireRight } from '../rights.ts';

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface AttemptView {
  id: number;
  delivery_id: number;
  event_id: string;
  event_type: string;
  attempt: number;
  status: 'delivered' | 'failed';
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number | null;
  created_at: string;
  delivery_status: 'pending' | 'failed' | 'delivered' | 'dead';
}

const cursorOf = (cursor: string | undefined, field: string): number | null => {
  if (cursor === undefined) return null;
  const value = Number(cursor);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new InvalidFieldError({ field, reason: 'is not a cursor this API gave' });
  return value;
};

function page<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? String(last.id) : null };
}

export async function listAttempts(
  ctx: ActionContext,
  webhookId: number,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<AttemptView>> {
  requireRight(ctx, 'settings', 'update');
  const exists =
    isStoredId(webhookId) &&
    (await ctx.knex('webhooks').select('id').where({ id: webhookId, shop_id: ctx.shopId }).first()) !==
      undefined;
  if (!exists) throw new NotFoundError({ entity: 'Webhook', id: String(webhookId) });
  const before = cursorOf(query.cursor, 'cursor');
  const rows = (await ctx
    .knex('webhook_attempts as a')
    .join('webhook_deliveries as d', 'd.id', 'a.delivery_id')
    .select(
      'a.id',
      'a.delivery_id',
      'a.outbox_event_id',
      'a.event_type',
      'a.attempt',
      'a.status',
      'a.response_status',
      'a.response_body',
      'a.error',
      'a.duration_ms',
      'a.created_at',
      'd.status as delivery_status',
    )
    .where({ 'a.shop_id': ctx.shopId, 'a.webhook_id': webhookId })
    .modify((q: Knex.QueryBuilder) => {
      if (before !== null) void q.andWhere('a.id', '<', before);
    })
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1)) as (Omit<AttemptView, 'event_id' | 'created_at'> & {
    outbox_event_id: number;
    created_at: Date;
  })[];
  return page(
    rows.map(({ outbox_event_id, ...row }) => ({
      ...row,
      id: row.id,
      delivery_id: row.delivery_id,
      event_id: `evt_${String(outbox_event_id)}`,
      created_at: new Date(row.created_at).toISOString(),
    })),
    query.limit,
  );
}

/** Queues one delivery again now, a dead one too; the engine attempts it within a moment. */
export async function retryDelivery(
  ctx: ActionContext,
  deliveryId: number,
): Promise<{ id: number; status: string; attempts: number; next_attempt_at: string }> {
  requireRight(ctx, 'settings', 'update');
  const delivery = isStoredId(deliveryId)
    ? ((await ctx
        .knex('webhook_deliveries as d')
        .join('webhooks as w', 'w.id', 'd.webhook_id')
        .select('d.id', 'd.status', 'd.outbox_event_id', 'd.webhook_id', 'w.is_active')
        .where({ 'd.id': deliveryId, 'd.shop_id': ctx.shopId })
        .forUpdate()
        .first()) as
        | { id: number; status: string; outbox_event_id: number; webhook_id: number; is_active: boolean }
        | undefined)
    : undefined;
  if (!delivery) throw new NotFoundError({ entity: 'Webhook delivery', id: String(deliveryId) });
  if (!delivery.is_active)
    throw new InvalidFieldError({
      field: 'webhook',
      reason: 'is disabled: enable it before retrying its deliveries',
    });
  const [row] = (await ctx
    .knex('webhook_deliveries')
    .where({ id: deliveryId, shop_id: ctx.shopId })
    .update({
      status: 'pending',
      next_attempt_at: ctx.knex.fn.now(),
      lease_until: null,
      lease_token: null,
      // A redelivery gets the retries of a new delivery.
      created_at: ctx.knex.fn.now(),
      updated_at: ctx.knex.fn.now(),
    })
    .returning(['id', 'status', 'attempts', 'next_attempt_at'])) as [
    { id: number; status: string; attempts: number; next_attempt_at: Date },
  ];
  await refreshEvents(ctx.knex, [delivery.outbox_event_id]);
  await ctx.knex.raw('SELECT pg_notify(?, ?)', [OUTBOX_CHANNEL, '']);
  audit(ctx, {
    entityType: 'webhook_deliveries',
    entityId: deliveryId,
    action: 'retry',
    oldValue: { status: delivery.status },
    newValue: { status: 'pending', webhook_id: delivery.webhook_id },
  });
  return {
    id: row.id,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: new Date(row.next_attempt_at).toISOString(),
  };
}

export interface EventView extends EventEnvelope {
  delivery_status: string;
}

/** The shop's events, newest first, by type and time. */
export async function listEvents(
  ctx: ActionContext,
  query: {
    type?: string | undefined;
    since?: Date | undefined;
    until?: Date | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<EventView>> {
  requireRight(ctx, 'settings', 'update');
  const before = cursorOf(query.cursor, 'cursor');
  const rows = (await ctx
    .knex('outbox_events')
    .select('id', 'payload', 'status')
    .where('shop_id', ctx.shopId)
    .andWhereNot('event_type', 'webhook.test')
    .modify((q: Knex.QueryBuilder) => {
      if (query.type) void q.andWhere('event_type', query.type);
      if (query.since) void q.andWhere('created_at', '>=', query.since);
      if (query.until) void q.andWhere('created_at', '<', query.until);
      if (before !== null) void q.andWhere('id', '<', before);
    })
    .orderBy('id', 'desc')
    .limit(query.limit + 1)) as { id: number; payload: EventEnvelope; status: string }[];
  const result = page(
    rows.map((row) => ({ ...row, id: row.id })),
    query.limit,
  );
  return {
    items: result.items.map((row) => ({
      ...envelopeOf({ outbox_event_id: row.id, payload: row.payload }),
      delivery_status: row.status,
    })),
    next_cursor: result.next_cursor,
  };
}

export interface DeadLetter {
  id: number;
  shop_id: number;
  shop_name: string;
  subscriber: string;
  webhook_id: number | null;
  url: string | null;
  event_id: string;
  event_type: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string | null;
}

/** The platform admin's view: dead deliveries of every shop, newest first. */
export async function listDeadLetters(
  knex: Knex,
  query: { limit: number; cursor?: string | undefined; shop_id?: number | undefined },
): Promise<Page<DeadLetter>> {
  const before = cursorOf(query.cursor, 'cursor');
  const rows = (await knex('webhook_deliveries as d')
    .join('shops as s', 's.id', 'd.shop_id')
    .leftJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select(
      'd.id',
      'd.shop_id',
      's.shop_name',
      'd.subscriber',
      'd.webhook_id',
      'w.url',
      'd.outbox_event_id',
      'd.event_type',
      'd.attempts',
      'd.last_status_code',
      'd.last_error',
      'd.created_at',
      'd.updated_at',
    )
    .where('d.status', 'dead')
    .modify((q: Knex.QueryBuilder) => {
      if (query.shop_id !== undefined) void q.andWhere('d.shop_id', query.shop_id);
      if (before !== null) void q.andWhere('d.id', '<', before);
    })
    .orderBy('d.id', 'desc')
    .limit(query.limit + 1)) as (Omit<DeadLetter, 'event_id' | 'created_at' | 'updated_at'> & {
    outbox_event_id: number;
    created_at: Date;
    updated_at: Date | null;
  })[];
  return page(
    rows.map(({ outbox_event_id, ...row }) => ({
      ...row,
      id: row.id,
      event_id: `evt_${String(outbox_event_id)}`,
      created_at: new Date(row.created_at).toISOString(),
      updated_at: row.updated_at === null ? null : new Date(row.updated_at).toISOString(),
    })),
    query.limit,
  );
}

/** The platform admin queues a dead delivery of any shop again (its webhook must be enabled). */
export async function retryDeadLetter(
  knex: Knex,
  deliveryId: number,
): Promise<{ id: number; status: string }> {
  return knex.transaction(async (trx) => {
    const delivery = isStoredId(deliveryId)
      ? ((await trx('webhook_deliveries as d')
          .leftJoin('webhooks as w', 'w.id', 'd.webhook_id')
          .select('d.id', 'd.shop_id', 'd.status', 'd.outbox_event_id', 'd.subscriber', 'w.is_active')
          .where('d.id', deliveryId)
          .forUpdate()
          .first()) as
          | {
              id: number;
              shop_id: number;
              status: string;
              outbox_event_id: number;
              subscriber: string;
              is_active: boolean | null;
            }
          | undefined)
      : undefined;
    if (!delivery) throw new NotFoundError({ entity: 'Webhook delivery', id: String(deliveryId) });
    if (delivery.subscriber === 'webhook' && !delivery.is_active)
      throw new InvalidFieldError({
        field: 'webhook',
        reason: "is disabled: the shop's Owner must enable it first",
      });
    await trx('webhook_deliveries').where('id', deliveryId).update({
      status: 'pending',
      next_attempt_at: trx.fn.now(),
      lease_until: null,
      lease_token: null,
      created_at: trx.fn.now(),
      updated_at: trx.fn.now(),
    });
    await refreshEvents(trx, [delivery.outbox_event_id]);
    await trx.raw('SELECT pg_notify(?, ?)', [OUTBOX_CHANNEL, '']);
    return { id: deliveryId, status: 'pending' };
  });
}
