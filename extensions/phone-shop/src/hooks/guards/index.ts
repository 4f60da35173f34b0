// Registers the tenant and surface guards; the rules themselves live in ../../tenancy.
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Request, Response, NextFunction } from 'express';
import type { Knex } from 'knex';
import { TENANT_COLLECTIONS } from '../../../../../snapshots/access/rules.ts';
import { checkPayloadTypes } from '../../database/payload-types.ts';
import { RevisionsForbiddenError } from '../../errors.ts';
import { isShopAccount, requireShopCaller } from '../../tenancy/caller.ts';
import { refuseChosenKey, refuseForeignKeys } from '../../tenancy/foreign-keys.ts';
import { checkUserChange, refuseShopChange, stampCreate } from '../../tenancy/guards.ts';
import {
  checkFlow,
  checkOperation,
  checkWebsocketMessage,
  refuseLiveCollectionDelete,
  refuseQueryMutation,
  stripSecretSettings,
} from '../../tenancy/surfaces.ts';

type Payload = Record<string, unknown>;

const TENANT = new Set(TENANT_COLLECTIONS);

interface StoredOperation {
  type: string;
  options: unknown;
  flow: string;
}

/** The keys an update or delete hook was called for. */
const keysOf = (meta: Record<string, unknown>): (string | number)[] =>
  (meta['keys'] ?? []) as (string | number)[];

/** A json column as an object (the pg driver parses json, but a string is tolerated). */
function jsonRecord(value: unknown): Payload {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed !== null && typeof parsed === 'object' ? (parsed as Payload) : {};
}

function checkTypesAgainstSchema(collection: string, payload: unknown, schema: SchemaOverview | null): void {
  const fields = schema?.collections[collection]?.fields;
  if (!schema || !fields || !payload || typeof payload !== 'object') return;
  // The many-to-one fields, whose value may be the related row itself (a nested write).
  const relations = new Set(schema.relations.filter((r) => r.collection === collection).map((r) => r.field));
  checkPayloadTypes(collection, payload as Payload, fields, relations);
}

/** The primary key field of a collection ('id' for every collection of the platform). */
function primaryOf(schema: SchemaOverview | null, collection: string): string {
  return schema?.collections[collection]?.primary ?? 'id';
}

async function refuseForeignWrite(
  context: { accountability: Accountability | null; database: Knex; schema: SchemaOverview | null },
  collection: string,
  keys: readonly unknown[],
): Promise<void> {
  const { accountability, database, schema } = context;
  if (!isShopAccount(accountability)) return;
  const caller = await requireShopCaller(database, accountability);
  await refuseForeignKeys(database, collection, primaryOf(schema, collection), keys, caller.shopId);
}

export default defineHook(({ filter, init }) => {
  init('middlewares.after', (meta) => {
    const app = meta['app'] as { use: (handler: unknown) => void };
    // (A suspended account stops at once: the account gate of hooks/security reads its status on
    // every request and websocket message, before this runs, and reads the body this checks.)
    // Hole 1: no update or delete by query for shop accounts, over REST (websockets below).
    app.use((req: Request & { accountability?: Accountability }, _res: Response, next: NextFunction) => {
      try {
        if (!req.accountability?.admin) refuseQueryMutation(req.method, req.body);
        next();
      } catch (error) {
        next(error);
      }
    });
  });

  // Tenant rows: the server sets shop_id and the author on create, and nobody moves a row to
  // another shop. The same hooks run for nested relational writes, batch writes and imports.
  filter('items.create', async (payload, meta, context) => {
    const { accountability, database, schema } = context;
    const collection = String(meta['collection']);
    checkTypesAgainstSchema(collection, payload, schema);
    if (isShopAccount(accountability))
      refuseChosenKey(collection, primaryOf(schema, collection), payload as Payload);
    if (!TENANT.has(collection) || !isShopAccount(accountability)) return payload;
    const caller = await requireShopCaller(database, accountability);
    const hasAuthor = Boolean(schema?.collections[collection]?.fields['created_by']);
    return stampCreate(payload as Payload, caller, 'shop_id', hasAuthor ? 'created_by' : null);
  });

  filter('items.update', async (payload, meta, context) => {
    const { accountability, schema } = context;
    checkTypesAgainstSchema(String(meta['collection']), payload, schema);
    await refuseForeignWrite(context, String(meta['collection']), keysOf(meta));
    if (TENANT.has(String(meta['collection'])) && isShopAccount(accountability)) {
      refuseShopChange(payload as Payload, 'shop_id');
    }
    return payload;
  });

  // Another shop's keys are answered as missing ones, on every write by key (tenancy/foreign-keys.ts).
  filter('items.delete', async (keys, meta, context) => {
    await refuseForeignWrite(context, String(meta['collection']), keys as unknown[]);
    return keys;
  });
  for (const [scope, collection] of [
    ['users', 'directus_users'],
    ['files', 'directus_files'],
  ] as const) {
    filter(`${scope}.create`, (payload, _meta, context) => {
      if (isShopAccount(context.accountability))
        refuseChosenKey(collection, primaryOf(context.schema, collection), payload as Payload);
      return payload;
    });
    filter(`${scope}.update`, async (payload, meta, context) => {
      await refuseForeignWrite(context, collection, keysOf(meta));
      return payload;
    });
    filter(`${scope}.delete`, async (keys, _meta, context) => {
      await refuseForeignWrite(context, collection, keys as unknown[]);
      return keys;
    });
  }

  // Users: an Owner creates users in its own shop only, with a shop role, and never changes its own
  // role or status.
  filter('users.create', async (payload, _meta, context) => {
    const { accountability, database } = context;
    if (!isShopAccount(accountability)) return payload;
    const caller = await requireShopCaller(database, accountability);
    const stamped = stampCreate(payload as Payload, caller, 'shop', null);
    checkUserChange(stamped, [], caller);
    return stamped;
  });

  filter('users.update', async (payload, meta, context) => {
    const { accountability, database } = context;
    if (!isShopAccount(accountability)) return payload;
    const caller = await requireShopCaller(database, accountability);
    refuseShopChange(payload as Payload, 'shop');
    checkUserChange(payload as Payload, (meta['keys'] ?? []) as string[], caller);
    return payload;
  });

  filter('files.update', (payload, _meta, context) => {
    if (isShopAccount(context.accountability)) refuseShopChange(payload as Payload, 'shop');
    return payload;
  });

  // Hole 2: websocket subscriptions and query mutations of shop accounts.
  filter('websocket.message', (message, meta) => {
    const client = meta['client'] as { accountability: Accountability | null } | undefined;
    if (client?.accountability?.admin) return message;
    checkWebsocketMessage(message as Payload);
    return message;
  });

  // ...and no hard delete in a collection open to subscriptions: delete events carry raw keys to all.
  filter('items.delete', (keys, meta) => {
    refuseLiveCollectionDelete(String(meta['collection']));
    return keys;
  });

  // Hole 4: flows that would run for anonymous callers or as administrator.
  filter('flows.create', (payload) => {
    checkFlow(payload as Payload);
    return payload;
  });
  filter('flows.update', async (payload, meta, context) => {
    const change = payload as Payload;
    checkFlow(change);
    // A new trigger changes who the flow's operations run as: an event flow's "$trigger" operation
    // would run as administrator once the flow is scheduled, so its operations are checked again.
    if (typeof change['trigger'] === 'string') {
      const operations = (await context
        .database('directus_operations')
        .select('type', 'options')
        .whereIn('flow', keysOf(meta))) as StoredOperation[];
      for (const operation of operations) {
        checkOperation({ type: operation.type, options: jsonRecord(operation.options) }, change['trigger']);
      }
    }
    return payload;
  });
  const triggerOfFlow = async (database: Knex, flowId: unknown): Promise<string | null> => {
    if (typeof flowId !== 'string') return null;
    const flow = (await database('directus_flows').select('trigger').where({ id: flowId }).first()) as
      { trigger: string } | undefined;
    return flow?.trigger ?? null;
  };
  filter('operations.create', async (payload, _meta, context) => {
    const operation = payload as Payload;
    checkOperation(operation, await triggerOfFlow(context.database, operation['flow']));
    return payload;
  });
  filter('operations.update', async (payload, meta, context) => {
    // An update may carry only some fields (`{"options": {"permissions": "$full"}}` has no type), so
    // each operation is checked as it will be after the update: its stored row under the change.
    const change = payload as Payload;
    const stored = (await context
      .database('directus_operations')
      .select('type', 'options', 'flow')
      .whereIn('id', keysOf(meta))) as StoredOperation[];
    for (const row of stored) {
      const after: Payload = { type: row.type, options: jsonRecord(row.options), flow: row.flow, ...change };
      checkOperation(after, await triggerOfFlow(context.database, after['flow']));
    }
    return payload;
  });

  // Hole 5: revisions ignore row and field permissions; shop accounts never read them.
  filter('revisions.query', (query, _meta, context) => {
    const { accountability } = context;
    if (accountability && !accountability.admin) throw new RevisionsForbiddenError();
    return query;
  });

  // Hole 6: Studio users read /settings; strip anything secret-looking for shop accounts.
  filter('settings.read', (records, _meta, context) => {
    const { accountability } = context;
    if (!accountability || accountability.admin) return records;
    return (records as Payload[]).map((record) => stripSecretSettings(record));
  });
});
