// A shop's data retention: the Owner reads and sets how many days messages, logs and copies of deleted
// records are kept (settings `retention.*_days`, `settings.update`), and the hourly sweep purges, per
// shop, what is older (hooks/privacy). What each kind holds:
//
// - messages: in-app notifications, and the outbox's events once delivered or dead (what was sent to
//   the shop's webhooks and automations; pending events are never purged). Notifications are deleted
//   in SQL, which emits no websocket event (docs/decisions.md, "Tenant isolation beyond the policies").
// - logs: the audit trail (never younger than 365 days, which the database itself enforces), Directus's
//   activity of the shop's users (sign-ins, /items and Studio requests) with the revisions recorded
//   with it, and the webhooks' attempt log.
// - deleted records: the copy of a deleted row kept in its audit entry (`old_value` of a `delete`); the
//   entry stays, without the copy.
//
// The sweep is bounded (at most BATCHES × BATCH rows of each kind per shop and run, the rest next
// hour), idempotent (a second run finds nothing older), and safe with several replicas: a shop is
// purged under a transaction-level advisory lock that another process skips.
import type { Knex } from 'knex';
import { InvalidFieldError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { Journal } from '../journal.ts';
import { requireRight } from '../rights.ts';
import { loadSettings } from '../shop.ts';
import { allowPrivacyScrub } from './erasure.service.ts';
import {
  cutoffOf,
  RETENTION_KEYS,
  RETENTION_KINDS,
  RETENTION_MAXIMUM_DAYS,
  RETENTION_MINIMUM_DAYS,
  retentionOf,
  retentionProblem,
  type Retention,
  type RetentionKind,
} from './retention.rules.ts';

/** The advisory lock (with the shop id) under which a shop is purged. */
export const PRIVACY_PURGE_LOCK = 70714;
const BATCH = 1_000;
const BATCHES = 20;

type DaysKey = `${RetentionKind}_days`;

export type RetentionInput = Record<DaysKey, number | null>;

export interface RetentionView extends RetentionInput {
  minimums: Record<DaysKey, number>;
  maximum_days: number;
}

const daysKey = (kind: RetentionKind): DaysKey => `${kind}_days`;

function view(retention: Retention): RetentionView {
  return {
    messages_days: retention.messages,
    logs_days: retention.logs,
    deleted_records_days: retention.deleted_records,
    minimums: {
      messages_days: RETENTION_MINIMUM_DAYS.messages,
      logs_days: RETENTION_MINIMUM_DAYS.logs,
      deleted_records_days: RETENTION_MINIMUM_DAYS.deleted_records,
    },
    maximum_days: RETENTION_MAXIMUM_DAYS,
  };
}

export async function getRetention(ctx: ActionContext): Promise<RetentionView> {
  requireRight(ctx, 'settings', 'update');
  return view(retentionOf(await loadSettings(ctx.knex, ctx.shopId)));
}

export async function setRetention(ctx: ActionContext, input: RetentionInput): Promise<RetentionView> {
  requireRight(ctx, 'settings', 'update');
  for (const kind of RETENTION_KINDS) {
    const problem = retentionProblem(kind, input[daysKey(kind)]);
    if (problem) throw new InvalidFieldError({ field: daysKey(kind), reason: problem });
  }
  const before = retentionOf(await loadSettings(ctx.knex, ctx.shopId));
  const after: Retention = {
    messages: input.messages_days,
    logs: input.logs_days,
    deleted_records: input.deleted_records_days,
  };
  for (const kind of RETENTION_KINDS) {
    const days = after[kind];
    const key = RETENTION_KEYS[kind];
    if (days === null) {
      await ctx.knex('settings').where({ shop_id: ctx.shopId, setting_key: key }).delete();
    } else {
      await ctx
        .knex('settings')
        .insert({ shop_id: ctx.shopId, setting_key: key, setting_value: String(days) })
        .onConflict(['shop_id', 'setting_key'])
        .merge({ setting_value: String(days), updated_at: ctx.knex.fn.now() });
    }
  }
  audit(ctx, {
    entityType: 'shops',
    entityId: ctx.shopId,
    action: 'update_retention',
    oldValue: view(before),
    newValue: view(after),
  });
  return view(after);
}

/** Runs a bounded statement until it affects fewer rows than a batch; how many it affected. */
async function inBatches(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < BATCHES; i += 1) {
    const affected = await run();
    total += affected;
    if (affected < BATCH) break;
  }
  return total;
}

async function affected(trx: Knex, sql: string, bindings: Knex.RawBinding[]): Promise<number> {
  const result = await trx.raw<{ rowCount: number | null }>(sql, bindings);
  return result.rowCount ?? 0;
}

/** Deletes, in batches, the rows of a shop's table that `where` selects (with bindings after the shop). */
function deleteOld(trx: Knex, table: string, where: string, bindings: Knex.RawBinding[]): Promise<number> {
  return inBatches(() =>
    affected(
      trx,
      `DELETE FROM "${table}" WHERE id IN (
         SELECT id FROM "${table}" WHERE shop_id = ? AND ${where} LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
      bindings,
    ),
  );
}

/** Directus's activity of the shop's users before the cutoff; their revisions go with it (cascade). */
function deleteActivity(trx: Knex, shopId: number, cutoff: Date): Promise<number> {
  return inBatches(async () => {
    const { rows } = await trx.raw<{ rows: { id: number }[] }>(
      `SELECT a.id FROM directus_activity a
        WHERE a."user" IN (SELECT id FROM directus_users WHERE shop = ?) AND a."timestamp" < ?
        LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [shopId, cutoff],
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    // A revision may name one of these as its parent (nested writes): it no longer has one.
    await trx.raw(
      `UPDATE directus_revisions SET parent = NULL
        WHERE parent IN (SELECT id FROM directus_revisions WHERE activity = ANY(?))`,
      [ids],
    );
    return affected(trx, 'DELETE FROM directus_activity WHERE id = ANY(?)', [ids]);
  });
}

export type PurgeCounts = Partial<
  Record<RetentionKind, { before: string } & Record<string, number | string>>
>;

/**
 * Purges one shop under its lock, in one transaction, and audits what went. Null when another process
 * holds the shop's lock (it is purging it).
 */
export async function purgeShop(database: Knex, shopId: number, now: Date): Promise<PurgeCounts | null> {
  return database.transaction(async (trx) => {
    const { rows } = await trx.raw<{ rows: { locked: boolean }[] }>(
      'SELECT pg_try_advisory_xact_lock(?, ?) AS locked',
      [PRIVACY_PURGE_LOCK, shopId],
    );
    if (!rows[0]?.locked) return null;
    const retention = retentionOf(await loadSettings(trx, shopId));
    const counts: PurgeCounts = {};
    const record = (kind: RetentionKind, cutoff: Date, found: Record<string, number>): void => {
      const nonZero = Object.fromEntries(Object.entries(found).filter(([, n]) => n > 0));
      if (Object.keys(nonZero).length > 0) counts[kind] = { before: cutoff.toISOString(), ...nonZero };
    };

    const messages = cutoffOf(retention, 'messages', now);
    if (messages) {
      record('messages', messages, {
        notifications: await deleteOld(trx, 'notifications', 'created_at < ?', [shopId, messages]),
        events: await deleteOld(trx, 'outbox_events', "status IN ('delivered', 'dead') AND created_at < ?", [
          shopId,
          messages,
        ]),
      });
    }

    const logs = cutoffOf(retention, 'logs', now);
    if (logs) {
      // The audit trail refuses deletions unless this transaction says it purges (migration 0014).
      await trx.raw("SELECT set_config('phone_shop.retention_purge', 'on', true)");
      record('logs', logs, {
        audit_logs: await deleteOld(trx, 'audit_logs', 'created_at < ?', [shopId, logs]),
        activity: await deleteActivity(trx, shopId, logs),
        webhook_attempts: await deleteOld(trx, 'webhook_attempts', 'created_at < ?', [shopId, logs]),
      });
      await trx.raw("SELECT set_config('phone_shop.retention_purge', 'off', true)");
    }

    const deleted = cutoffOf(retention, 'deleted_records', now);
    if (deleted) {
      await allowPrivacyScrub(trx, true);
      const copies = await inBatches(() =>
        affected(
          trx,
          `UPDATE audit_logs SET old_value = NULL WHERE id IN (
             SELECT id FROM audit_logs
              WHERE shop_id = ? AND action = 'delete' AND old_value IS NOT NULL AND created_at < ?
              LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
          [shopId, deleted],
        ),
      );
      await allowPrivacyScrub(trx, false);
      record('deleted_records', deleted, { audit_copies: copies });
    }

    if (Object.keys(counts).length > 0) {
      // The sweep has no caller: the entry has no user.
      const journal = new Journal();
      journal.append('audit_logs', {
        shop_id: shopId,
        user_id: null,
        entity_type: 'shops',
        entity_id: String(shopId),
        action: 'retention_purge',
        new_value: counts,
      });
      await journal.flush(trx);
    }
    return counts;
  });
}

/** Every shop with a retention setting, purged one after the other; what went, per shop. */
export async function purgeExpiredData(database: Knex, now = new Date()): Promise<Map<number, PurgeCounts>> {
  const shops = (await database('settings')
    .distinct('shop_id')
    .whereIn('setting_key', Object.values(RETENTION_KEYS))
    .whereNotNull('setting_value')
    .orderBy('shop_id')) as { shop_id: number }[];
  const results = new Map<number, PurgeCounts>();
  for (const { shop_id: shopId } of shops) {
    const counts = await purgeShop(database, shopId, now);
    if (counts && Object.keys(counts).length > 0) results.set(shopId, counts);
  }
  return results;
}
