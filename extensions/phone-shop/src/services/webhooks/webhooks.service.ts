// The shop's webhooks (spec: API SPECIFICATIONS › Webhook Support), managed by its Owner only (matrix:
// settings). The URL is checked when saved (and again by every attempt, delivery/url-safety.ts); the
// signing secret is shown once, at creation and at rotation, and a rotated one keeps signing beside
// the new one for 24 hours. Every change is audited, without the secret.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { isStoredId } from '../../domain/ranges.ts';
import { InvalidFieldError, NotFoundError } from '../../errors.ts';
import {
  newSecret,
  refreshEvents,
  resolvedProblem,
  secretHint,
  urlProblem,
  type ClaimedDelivery,
  type DeliveryConfig,
} from '../../delivery/index.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { requireRight } from '../rights.ts';

/** How long a rotated secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

export interface WebhookInput {
  url: string;
  events: string[];
  description?: string | null | undefined;
  is_active?: boolean | undefined;
}

export interface WebhookView {
  id: number;
  url: string;
  description: string | null;
  events: string[];
  is_active: boolean;
  created_at: string;
  updated_at: string | null;
  secret_hint: string;
  previous_secret_expires_at: string | null;
  disabled_at: string | null;
  disabled_reason: string | null;
  health: {
    last_success_at: string | null;
    last_failure_at: string | null;
    failure_streak: number;
    failing_since: string | null;
    pending: number;
    dead: number;
  };
}

interface WebhookRow {
  id: number;
  url: string;
  description: string | null;
  events: string[];
  is_active: boolean;
  secret: string;
  created_at: Date;
  updated_at: Date | null;
  previous_secret_expires_at: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  last_success_at: Date | null;
  last_failure_at: Date | null;
  failure_streak: number;
  failing_since: Date | null;
  pending: number;
  dead: number;
}

const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

function view(row: WebhookRow): WebhookView {
  const expires = row.previous_secret_expires_at;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    is_active: row.is_active,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: iso(row.updated_at),
    secret_hint: secretHint(row.secret),
    previous_secret_expires_at: expires !== null && new Date(expires) > new Date() ? iso(expires) : null,
    disabled_at: iso(row.disabled_at),
    disabled_reason: row.disabled_reason,
    health: {
      last_success_at: iso(row.last_success_at),
      last_failure_at: iso(row.last_failure_at),
      failure_streak: row.failure_streak,
      failing_since: iso(row.failing_since),
      pending: row.pending,
      dead: row.dead,
    },
  };
}

function webhooksOf(ctx: ActionContext): Knex.QueryBuilder {
  return ctx
    .knex('webhooks as w')
    .select(
      'w.id',
      'w.url',
      'w.description',
      'w.events',
      'w.is_active',
      'w.secret',
      'w.created_at',
      'w.updated_at',
      'w.previous_secret_expires_at',
      'w.disabled_at',
      'w.disabled_reason',
      'w.last_success_at',
      'w.last_failure_at',
      'w.failure_streak',
      'w.failing_since',
      ctx.knex.raw(
        `(SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status IN ('pending', 'failed'))::integer AS pending`,
      ),
      ctx.knex.raw(
        `(SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'dead')::integer AS dead`,
      ),
    )
    .where('w.shop_id', ctx.shopId);
}

async function loadWebhook(ctx: ActionContext, id: number, lock = false): Promise<WebhookRow> {
  if (!isStoredId(id)) throw new NotFoundError({ entity: 'Webhook', id: String(id) });
  if (lock) await ctx.knex('webhooks').select('id').where({ id, shop_id: ctx.shopId }).forUpdate();
  const row = (await webhooksOf(ctx).andWhere('w.id', id).first()) as WebhookRow | undefined;
  if (!row) throw new NotFoundError({ entity: 'Webhook', id: String(id) });
  return row;
}

/** Refuses a URL the engine would not call; with the field named. */
async function checkUrl(url: string, config: Pick<DeliveryConfig, 'allowPrivate'>): Promise<void> {
  const { url: parsed, problem } = urlProblem(url, config.allowPrivate);
  if (problem) throw new InvalidFieldError({ field: 'url', reason: problem });
  if (!config.allowPrivate && parsed) {
    const resolved = await resolvedProblem(parsed.hostname);
    if (resolved) throw new InvalidFieldError({ field: 'url', reason: resolved });
  }
}

/** What the audit trail keeps of a webhook: everything but its secrets. */
const audited = (
  row: Pick<WebhookView, 'url' | 'events' | 'description' | 'is_active'>,
): Record<string, unknown> => ({
  url: row.url,
  events: row.events,
  description: row.description,
  is_active: row.is_active,
});

export async function listWebhooks(ctx: ActionContext): Promise<WebhookView[]> {
  requireRight(ctx, 'settings', 'update');
  return ((await webhooksOf(ctx).orderBy('w.id')) as WebhookRow[]).map(view);
}

export async function getWebhook(ctx: ActionContext, id: number): Promise<WebhookView> {
  requireRight(ctx, 'settings', 'update');
  return view(await loadWebhook(ctx, id));
}

export async function createWebhook(
  ctx: ActionContext,
  input: WebhookInput,
  config: Pick<DeliveryConfig, 'allowPrivate'>,
): Promise<WebhookView & { secret: string }> {
  requireRight(ctx, 'settings', 'update');
  await checkUrl(input.url, config);
  const secret = newSecret();
  const [created] = (await ctx
    .knex('webhooks')
    .insert({
      shop_id: ctx.shopId,
      url: input.url,
      events: JSON.stringify(input.events),
      description: input.description ?? null,
      is_active: input.is_active ?? true,
      secret,
      created_by: ctx.userId,
    })
    .returning('id')) as [{ id: number }];
  const webhook = view(await loadWebhook(ctx, created.id));
  audit(ctx, { entityType: 'webhooks', entityId: webhook.id, action: 'create', newValue: audited(webhook) });
  return { ...webhook, secret };
}

export async function updateWebhook(
  ctx: ActionContext,
  id: number,
  patch: Partial<WebhookInput>,
  config: Pick<DeliveryConfig, 'allowPrivate'>,
): Promise<WebhookView> {
  requireRight(ctx, 'settings', 'update');
  const before = view(await loadWebhook(ctx, id, true));
  if (patch.url !== undefined && patch.url !== before.url) await checkUrl(patch.url, config);
  const changes: Record<string, unknown> = { updated_at: new Date() };
  if (patch.url !== undefined) changes['url'] = patch.url;
  if (patch.events !== undefined) changes['events'] = JSON.stringify(patch.events);
  if (patch.description !== undefined) changes['description'] = patch.description;
  if (patch.is_active !== undefined) {
    changes['is_active'] = patch.is_active;
    // Enabled again: its record of failures starts afresh.
    if (patch.is_active && !before.is_active)
      Object.assign(changes, {
        disabled_at: null,
        disabled_reason: null,
        failure_streak: 0,
        failing_since: null,
      });
  }
  await ctx.knex('webhooks').where({ id, shop_id: ctx.shopId }).update(changes);
  const after = view(await loadWebhook(ctx, id));
  audit(ctx, {
    entityType: 'webhooks',
    entityId: id,
    action: 'update',
    oldValue: audited(before),
    newValue: audited(after),
  });
  return after;
}

export async function deleteWebhook(ctx: ActionContext, id: number): Promise<{ id: number }> {
  requireRight(ctx, 'settings', 'update');
  const before = view(await loadWebhook(ctx, id, true));
  const events = (await ctx
    .knex('webhook_deliveries')
    .distinct('outbox_event_id')
    .where({ shop_id: ctx.shopId, webhook_id: id })
    .whereIn('status', ['pending', 'failed', 'dead'])) as { outbox_event_id: number }[];
  await ctx.knex('webhooks').where({ id, shop_id: ctx.shopId }).delete();
  // Its deliveries went with it: the events it was the last one to wait for are delivered.
  await refreshEvents(
    ctx.knex,
    events.map((e) => e.outbox_event_id),
  );
  audit(ctx, { entityType: 'webhooks', entityId: id, action: 'delete', oldValue: audited(before) });
  return { id };
}

export async function rotateSecret(
  ctx: ActionContext,
  id: number,
): Promise<WebhookView & { secret: string }> {
  requireRight(ctx, 'settings', 'update');
  const before = await loadWebhook(ctx, id, true);
  const secret = newSecret();
  await ctx
    .knex('webhooks')
    .where({ id, shop_id: ctx.shopId })
    .update({
      previous_secret: before.secret,
      previous_secret_expires_at: new Date(Date.now() + ROTATION_OVERLAP_MS),
      secret,
      updated_at: new Date(),
    });
  const after = view(await loadWebhook(ctx, id));
  audit(ctx, {
    entityType: 'webhooks',
    entityId: id,
    action: 'rotate_secret',
    oldValue: { secret_hint: secretHint(before.secret) },
    newValue: {
      secret_hint: after.secret_hint,
      previous_secret_expires_at: after.previous_secret_expires_at,
    },
  });
  return { ...after, secret };
}

/**
 * A `webhook.test` event for this webhook alone, and its delivery, claimed for the caller to attempt
 * at once (after this transaction commits).
 */
export async function prepareTest(
  ctx: ActionContext,
  id: number,
  config: Pick<DeliveryConfig, 'leaseMs'>,
): Promise<ClaimedDelivery> {
  requireRight(ctx, 'settings', 'update');
  const webhook = await loadWebhook(ctx, id);
  const secrets = (await ctx
    .knex('webhooks')
    .select('secret', 'previous_secret', 'previous_secret_expires_at')
    .where({ id, shop_id: ctx.shopId })
    .first()) as { secret: string; previous_secret: string | null; previous_secret_expires_at: Date | null };
  const payload = {
    event: 'webhook.test',
    shop_id: ctx.shopId,
    timestamp: new Date().toISOString(),
    data: { webhook_id: id, message: 'This is a test event from your phone shop.' },
  };
  const [event] = (await ctx
    .knex('outbox_events')
    .insert({
      shop_id: ctx.shopId,
      event_type: 'webhook.test',
      payload,
      status: 'pending',
      fanned_out_at: new Date(),
    })
    .returning(['id'])) as [{ id: number }];
  const token = randomUUID();
  const [delivery] = (await ctx
    .knex('webhook_deliveries')
    .insert({
      shop_id: ctx.shopId,
      outbox_event_id: event.id,
      subscriber: 'webhook',
      webhook_id: id,
      event_type: 'webhook.test',
      attempts: 1,
      lease_token: token,
      lease_until: new Date(Date.now() + config.leaseMs),
    })
    .returning(['id', 'created_at', 'next_attempt_at'])) as [
    { id: number; created_at: Date; next_attempt_at: Date },
  ];
  audit(ctx, { entityType: 'webhooks', entityId: id, action: 'test', newValue: { event_id: event.id } });
  return {
    id: delivery.id,
    shop_id: ctx.shopId,
    subscriber: 'webhook',
    webhook_id: id,
    outbox_event_id: event.id,
    event_type: 'webhook.test',
    attempts: 1,
    next_attempt_at: delivery.next_attempt_at,
    created_at: delivery.created_at,
    payload,
    lease_token: token,
    endpoint: `webhook:${String(id)}`,
    url: webhook.url,
    secrets:
      secrets.previous_secret !== null &&
      secrets.previous_secret_expires_at !== null &&
      new Date(secrets.previous_secret_expires_at) > new Date()
        ? [secrets.secret, secrets.previous_secret]
        : [secrets.secret],
  };
}
