// Business rules on plain /items writes: device identifiers (IMEI check digit) and customer phone
// numbers (stored in E.164 with the shop's country as default). The rules live in ../../domain.
import { defineHook } from '@directus/extensions-sdk';
import type { Knex } from 'knex';
import { checkIdentifier } from '../../domain/device-identifier.ts';
import { toE164 } from '../../domain/phone.ts';
import { canEdit } from '../../domain/repair-status.ts';
import { InvalidFieldError, RepairMoveError } from '../../errors.ts';
import { shopRoleOf } from '../../../../../snapshots/access/roles.ts';

type Payload = Record<string, unknown>;

/** The country of the shop a row belongs to (the payload's on create, the stored row's on update). */
async function countryOf(
  database: Knex,
  collection: string,
  payload: Payload,
  keys: unknown[],
): Promise<string> {
  let shopId = payload['shop_id'];
  if (shopId === undefined && keys.length > 0) {
    const row = (await database(collection)
      .select('shop_id')
      .whereIn('id', keys as number[])
      .first()) as { shop_id: number } | undefined;
    shopId = row?.shop_id;
  }
  if (shopId === undefined || shopId === null) return 'UG';
  const shop = (await database('shops').select('country').where({ id: shopId }).first()) as
    { country: string } | undefined;
  return shop?.country ?? 'UG';
}

export default defineHook(({ filter }) => {
  const identifier = (payload: unknown): unknown => {
    const change = payload as Payload;
    if (typeof change['imei_serial'] === 'string')
      change['imei_serial'] = checkIdentifier(change['imei_serial']);
    return change;
  };
  filter('devices.items.create', identifier);
  filter('devices.items.update', identifier);

  const phone = async (payload: unknown, keys: unknown[], database: Knex): Promise<unknown> => {
    const change = payload as Payload;
    if (typeof change['phone'] !== 'string') return change;
    const e164 = toE164(change['phone'], await countryOf(database, 'customers', change, keys));
    if (!e164)
      throw new InvalidFieldError({
        field: 'phone',
        reason: `${change['phone']} is not a valid phone number`,
      });
    change['phone'] = e164;
    return change;
  };
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

  filter('customers.items.create', (payload, _meta, context) => phone(payload, [], context.database));
  filter('customers.items.update', (payload, meta, context) =>
    phone(payload, (meta['keys'] ?? []) as unknown[], context.database),
  );
});
