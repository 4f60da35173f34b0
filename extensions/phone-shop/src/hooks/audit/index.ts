// The audit trail of plain /items writes (Studio included) and of logins: every create, update and
// delete of business data, with old and new values, user, IP and user agent. The /api business
// actions write their own entries (services/audit.ts) and emit no Directus events, so nothing is
// recorded twice.
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { TENANT_COLLECTIONS } from '../../../../../snapshots/access/rules.ts';

type Row = Record<string, unknown> & { id: number | string };

/** Business data whose changes are audited; the ledgers and the trail itself are append-only anyway. */
const AUDITED = new Set(
  TENANT_COLLECTIONS.filter(
    (c) => !['audit_logs', 'stock_movements', 'repair_status_history', 'notifications'].includes(c),
  ),
);

/** Rows as they were before an update or delete, until the action that follows it. */
const before = new Map<string, Row[]>();
const pendingKey = (collection: string, keys: readonly unknown[]): string =>
  `${collection}|${keys.map(String).sort().join(',')}`;

function shopOf(collection: string, row: Row): number | null {
  const value = collection === 'directus_users' ? row['shop'] : row['shop_id'];
  return typeof value === 'number' ? value : null;
}

async function write(
  database: Knex,
  accountability: Accountability | null,
  entries: {
    shopId: number | null;
    entityType: string;
    entityId: unknown;
    action: string;
    oldValue?: unknown;
    newValue?: unknown;
  }[],
): Promise<void> {
  const rows = entries
    .filter((e) => e.shopId !== null)
    .map((e) => ({
      shop_id: e.shopId,
      user_id: accountability?.user ?? null,
      entity_type: e.entityType,
      entity_id: String(e.entityId),
      action: e.action,
      old_value: e.oldValue === undefined ? null : JSON.stringify(e.oldValue),
      new_value: e.newValue === undefined ? null : JSON.stringify(e.newValue),
      ip_address: accountability?.ip ?? null,
      user_agent: accountability?.userAgent ?? null,
    }));
  if (rows.length > 0) await database('audit_logs').insert(rows);
}

/** Passwords and secrets never enter the trail. */
function redact(value: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...value };
  for (const field of ['password', 'token', 'tfa_secret', 'secret', 'auth_data'])
    if (field in copy) copy[field] = '[redacted]';
  return copy;
}

export default defineHook(({ filter, action: onAction }, { logger }) => {
  // Actions run after the change is committed; a failure to audit is logged, never thrown at nobody.
  const action = (
    event: string,
    handler: (
      meta: Record<string, unknown>,
      context: { database: Knex; accountability: Accountability | null },
    ) => Promise<void>,
  ): void => {
    onAction(event, (meta, context) => {
      handler(meta, context).catch((error: unknown) => {
        logger.error(error, `audit of ${event} failed`);
      });
    });
  };
  const collectionOf = (meta: Record<string, unknown>): string => String(meta['collection']);
  const audited = (collection: string): boolean => AUDITED.has(collection) || collection === 'directus_users';

  const remember = async (collection: string, keys: unknown[], database: Knex): Promise<void> => {
    if (!audited(collection) || keys.length === 0) return;
    const rows = (await database(collection).whereIn('id', keys as (string | number)[])) as Row[];
    before.set(pendingKey(collection, keys), rows);
  };

  for (const scope of ['items', 'users']) {
    filter(`${scope}.update`, async (payload, meta, context) => {
      await remember(
        scope === 'users' ? 'directus_users' : collectionOf(meta),
        (meta['keys'] ?? []) as unknown[],
        context.database,
      );
      return payload;
    });
    filter(`${scope}.delete`, async (keys, meta, context) => {
      await remember(
        scope === 'users' ? 'directus_users' : collectionOf(meta),
        keys as unknown[],
        context.database,
      );
      return keys;
    });

    action(`${scope}.create`, async (meta, context) => {
      const collection = scope === 'users' ? 'directus_users' : collectionOf(meta);
      if (!audited(collection)) return;
      const payload = redact((meta['payload'] ?? {}) as Record<string, unknown>);
      const key = meta['key'] as string | number;
      const row = (await context.database(collection).where({ id: key }).first()) as Row | undefined;
      await write(context.database, context.accountability, [
        {
          shopId: row ? shopOf(collection, row) : null,
          entityType: collection,
          entityId: meta['key'],
          action: 'create',
          newValue: payload,
        },
      ]);
    });

    action(`${scope}.update`, async (meta, context) => {
      const collection = scope === 'users' ? 'directus_users' : collectionOf(meta);
      if (!audited(collection)) return;
      const keys = (meta['keys'] ?? []) as unknown[];
      const old = before.get(pendingKey(collection, keys)) ?? [];
      before.delete(pendingKey(collection, keys));
      const payload = redact((meta['payload'] ?? {}) as Record<string, unknown>);
      await write(
        context.database,
        context.accountability,
        old.map((row) => ({
          shopId: shopOf(collection, row),
          entityType: collection,
          entityId: row.id,
          action: 'update',
          oldValue: redact(Object.fromEntries(Object.keys(payload).map((field) => [field, row[field]]))),
          newValue: payload,
        })),
      );
    });

    action(`${scope}.delete`, async (meta, context) => {
      const collection = scope === 'users' ? 'directus_users' : collectionOf(meta);
      if (!audited(collection)) return;
      const keys = (meta['keys'] ?? meta['payload'] ?? []) as unknown[];
      const old = before.get(pendingKey(collection, keys)) ?? [];
      before.delete(pendingKey(collection, keys));
      await write(
        context.database,
        context.accountability,
        old.map((row) => ({
          shopId: shopOf(collection, row),
          entityType: collection,
          entityId: row.id,
          action: 'delete',
          oldValue: redact(row),
        })),
      );
    });
  }

  // Logins of shop accounts, successful or not (the matrix's attendance report reads them).
  action('auth.login', async (meta, context) => {
    const userId: unknown = meta['user'];
    if (typeof userId !== 'string') return;
    const user = (await context.database('directus_users').select('shop').where({ id: userId }).first()) as
      { shop: number | null } | undefined;
    const accountability = { ...(context.accountability ?? {}), user: userId } as Accountability;
    await write(context.database, accountability, [
      {
        shopId: user?.shop ?? null,
        entityType: 'auth',
        entityId: userId,
        action: meta['status'] === 'success' ? 'login' : 'login_failed',
        newValue: { provider: meta['provider'] as unknown },
      },
    ]);
  });
});
