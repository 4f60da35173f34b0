// Business rules on plain /items writes: device identifiers (IMEI check digit) and contact details
// (phone numbers stored in E.164 with the shop's country as default, e-mail addresses checked), and
// bad input that would otherwise crash a request: integers beyond their column's range in a query or
// a key (database/key-ranges.ts). The rules live in ../../domain and ../../database.
import { defineHook } from '@directus/extensions-sdk';
import { ForbiddenError } from '@directus/errors';
import type { Knex } from 'knex';
import { checkIdentifier } from '../../domain/device-identifier.ts';
import { checkContacts, touchesContacts, type ContactFields } from '../../domain/contact.ts';
import { canEdit } from '../../domain/repair-status.ts';
import { readInt8AsNumber } from '../../database/int8.ts';
import { boundFilter, keyOutOfRange, type SchemaLike } from '../../database/key-ranges.ts';
import { RepairMoveError } from '../../errors.ts';
import { shopRoleOf } from '../../../../../snapshots/access/roles.ts';

type Payload = Record<string, unknown>;

/** The contact fields of each collection that has some, and the column that holds its shop. */
const CONTACTS: Record<string, ContactFields & { shop: 'shop_id' | 'shop' | 'id' }> = {
  customers: { phones: ['phone'], emails: ['email'], shop: 'shop_id' },
  locations: { phones: ['phone'], emails: [], shop: 'shop_id' },
  shops: { phones: ['phone'], emails: ['email'], shop: 'id' },
  directus_users: { phones: ['phone'], emails: ['email'], shop: 'shop' },
};

/** The country a row's phone numbers are read in: its shop's (the payload's on create, the stored row's on update). */
async function countryOf(
  database: Knex,
  collection: string,
  payload: Payload,
  keys: unknown[],
): Promise<string> {
  const contacts = CONTACTS[collection];
  if (collection === 'shops' && typeof payload['country'] === 'string') return payload['country'];
  let shopId = contacts && contacts.shop !== 'id' ? payload[contacts.shop] : undefined;
  if (contacts && (shopId === undefined || shopId === null) && keys.length > 0) {
    if (contacts.shop === 'id') shopId = keys[0];
    else {
      const row = (await database(collection)
        .select(contacts.shop)
        .whereIn('id', keys as (string | number)[])
        .first()) as Payload | undefined;
      shopId = row?.[contacts.shop];
    }
  }
  if (shopId === undefined || shopId === null || typeof shopId === 'object') return 'UG';
  const shop = (await database('shops')
    .select('country')
    .where({ id: shopId as number })
    .first()) as { country: string } | undefined;
  return shop?.country ?? 'UG';
}

async function checkedContacts(
  database: Knex,
  collection: string,
  payload: unknown,
  keys: unknown[],
): Promise<unknown> {
  const contacts = CONTACTS[collection];
  const change = payload as Payload;
  if (!contacts || !touchesContacts(change, contacts)) return payload;
  return checkContacts(change, contacts, await countryOf(database, collection, change, keys));
}

export default defineHook(({ filter }) => {
  // Money is bigint: Directus's own reads (/items, GraphQL) answer it as numbers (database/int8.ts).
  readInt8AsNumber();

  const identifier = (payload: unknown): unknown => {
    const change = payload as Payload;
    if (typeof change['imei_serial'] === 'string')
      change['imei_serial'] = checkIdentifier(change['imei_serial']);
    return change;
  };
  filter('devices.items.create', identifier);
  filter('devices.items.update', identifier);

  // After delivery a repair is final: only an Owner edits it (domain/repair-status.ts).
  filter('repairs.items.update', async (payload, meta, context) => {
    const role = shopRoleOf(context.accountability?.role);
    if (!context.accountability || context.accountability.admin || role === null) return payload;
    const locked = (await context
      .database('repairs')
      .select('repair_number', 'is_editable')
      .whereIn('id', (meta['keys'] ?? []) as number[])) as { repair_number: string; is_editable: boolean }[];
    const final = locked.find((r) => !canEdit(r.is_editable, role));
    if (final)
      throw new RepairMoveError({
        repair: final.repair_number,
        reason: 'is delivered; only an Owner can change it',
      });
    return payload;
  });

  // Contact details, on every write of every surface that goes through Directus's services (/items,
  // GraphQL, /users, imports, and the users the /api staff actions write).
  for (const collection of ['customers', 'locations', 'shops'] as const) {
    filter(`${collection}.items.create`, (payload, _meta, context) =>
      checkedContacts(context.database, collection, payload, []),
    );
    filter(`${collection}.items.update`, (payload, meta, context) =>
      checkedContacts(context.database, collection, payload, (meta['keys'] ?? []) as unknown[]),
    );
  }
  filter('users.create', (payload, _meta, context) =>
    checkedContacts(context.database, 'directus_users', payload, []),
  );
  filter('users.update', (payload, meta, context) =>
    checkedContacts(context.database, 'directus_users', payload, (meta['keys'] ?? []) as unknown[]),
  );

  // Integers beyond their column's range: a query compares with them as what they mean (no row holds
  // one), so a lookup by such an id finds nothing, as any id that is not there; a write or a delete
  // by such a key is refused as one of a key that is not there.
  filter('items.query', (query, meta, context) => {
    const q = query as { filter?: unknown };
    if (!q.filter || !context.schema) return query;
    return { ...q, filter: boundFilter(context.schema as SchemaLike, String(meta['collection']), q.filter) };
  });
  filter('items.update', (payload, meta, context) => {
    const collection = String(meta['collection']);
    const keys = (meta['keys'] ?? []) as unknown[];
    if (context.schema && keys.some((key) => keyOutOfRange(context.schema as SchemaLike, collection, key)))
      throw new ForbiddenError({
        reason: `You don't have permissions to perform "update" for the field(s) ${Object.keys(
          payload as Payload,
        )
          .map((field) => `"${field}"`)
          .join(', ')} in collection "${collection}" or it does not exist.`,
      });
    return payload;
  });
  filter('items.delete', (keys, meta, context) => {
    const collection = String(meta['collection']);
    if (
      context.schema &&
      (keys as unknown[]).some((key) => keyOutOfRange(context.schema as SchemaLike, collection, key))
    )
      throw new ForbiddenError({
        reason: `You don't have permission to perform "delete" for collection "${collection}" or it does not exist.`,
      });
    return keys;
  });
});
