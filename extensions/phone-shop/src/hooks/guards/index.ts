// Registers the tenant and surface guards; the rules themselves live in ../../tenancy.
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Request, Response, NextFunction } from 'express';
import type { Knex } from 'knex';
import { TENANT_COLLECTIONS } from '../../../../../snapshots/access/rules.ts';
import { checkPayloadTypes } from '../../database/payload-types.ts';
import { RevisionsForbiddenError } from '../../errors.ts';
import { isShopAccount, requireShopCaller } from '../../tenancy/caller.ts';
import { checkUserChange, refuseShopChange, stampCreate } from '../../tenancy/guards.ts';
import {
  checkFlow,
  checkOperation,
  checkWebsocketMessage,
  refuseQueryMutation,
  stripSecretSettings,
} from '../../tenancy/surfaces.ts';

type Payload = Record<string, unknown>;

const TENANT = new Set(TENANT_COLLECTIONS);

function checkTypesAgainstSchema(collection: string, payload: unknown, schema: SchemaOverview | null): void {
  const fields = schema?.collections[collection]?.fields;
  if (fields && payload && typeof payload === 'object')
    checkPayloadTypes(collection, payload as Payload, fields);
}

export default defineHook(({ filter, init }) => {
  // Hole 1: no update or delete by query for shop accounts, over REST (websockets below).
  init('middlewares.after', (meta) => {
    const app = meta['app'] as { use: (handler: unknown) => void };
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
    if (!TENANT.has(collection) || !isShopAccount(accountability)) return payload;
    const caller = await requireShopCaller(database, accountability);
    const hasAuthor = Boolean(schema?.collections[collection]?.fields['created_by']);
    return stampCreate(payload as Payload, caller, 'shop_id', hasAuthor ? 'created_by' : null);
  });

  filter('items.update', (payload, meta, context) => {
    const { accountability, schema } = context;
    checkTypesAgainstSchema(String(meta['collection']), payload, schema);
    if (TENANT.has(String(meta['collection'])) && isShopAccount(accountability)) {
      refuseShopChange(payload as Payload, 'shop_id');
    }
    return payload;
  });

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
    if (!client?.accountability?.admin) checkWebsocketMessage(message as Payload);
    return message;
  });

  // Hole 4: flows that would run for anonymous callers or as administrator.
  filter('flows.create', (payload) => {
    checkFlow(payload as Payload);
    return payload;
  });
  filter('flows.update', (payload) => {
    checkFlow(payload as Payload);
    return payload;
  });
  const checkOperationOfFlow = async (payload: unknown, keys: unknown, database: Knex): Promise<void> => {
    const operation = payload as Payload;
    const flowId =
      operation['flow'] ??
      (
        (await database('directus_operations')
          .select('flow')
          .whereIn('id', (keys ?? []) as string[])
          .first()) as { flow?: string } | undefined
      )?.flow;
    const flow = flowId
      ? ((await database('directus_flows').select('trigger').where({ id: flowId }).first()) as
          { trigger: string } | undefined)
      : undefined;
    checkOperation(operation, flow?.trigger ?? null);
  };
  filter('operations.create', async (payload, _meta, context) => {
    await checkOperationOfFlow(payload, [], context.database);
    return payload;
  });
  filter('operations.update', async (payload, meta, context) => {
    await checkOperationOfFlow(payload, meta['keys'], context.database);
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
