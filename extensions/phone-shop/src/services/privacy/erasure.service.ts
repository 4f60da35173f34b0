// Erasing a customer (the right to deletion): in one transaction, the person's data is removed from
// every place personal-data.ts names, and the customer row becomes a shell ("Erased customer", no
// contact, no identity, `erased_at` and `erased_by` set). Their sales, repairs, payments, loyalty
// movements, closures and stock movements stay as they are, every amount with them: the books and
// every report add up as before. Only text about the person changes. The audit trail is append-only;
// erasure is the one action allowed to rewrite its values (migration 0014, `phone_shop.privacy_scrub`
// for this transaction only), and the fact of each entry stays.
import type { Knex } from 'knex';
import { CustomerErasedError, InvalidFieldError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { enqueueEvent } from '../outbox.ts';
import { requireRight } from '../rights.ts';
import { loadShop } from '../shop.ts';
import {
  confirmsCustomer,
  ERASED_NAME,
  PERSONAL_FIELDS,
  scrubJson,
  scrubText,
  type PersonalPattern,
} from './erasure.rules.ts';
import { customerOfShop } from './export.service.ts';
import {
  findMentions,
  PERSONAL_TABLES,
  REVISED_COLLECTIONS,
  searchFor,
  type PersonalTable,
  type Search,
} from './personal-data.ts';

const PERSONAL_KEYS: ReadonlySet<string> = new Set(PERSONAL_FIELDS);

/** Lets this transaction's updates change the named columns of the append-only tables (0014). */
export async function allowPrivacyScrub(knex: Knex, on: boolean): Promise<void> {
  await knex.raw("SELECT set_config('phone_shop.privacy_scrub', ?, true)", [on ? 'on' : 'off']);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The rows of one table that mention the person, scrubbed; the ids of the rows changed. */
async function scrubTable(
  knex: Knex,
  shopId: number,
  spec: PersonalTable,
  search: Search,
  changed: Set<number | string>,
): Promise<void> {
  for (const row of await findMentions(knex, spec, search)) {
    const pattern = row.linked ? search.linked : search.wide;
    if (!pattern) continue;
    const update: Record<string, unknown> = {};
    for (const column of spec.columns) {
      const value = row.values[column.name];
      if (value === null || value === undefined) continue;
      if (column.json) {
        const next = scrubJson(value, pattern);
        if (!sameJson(next, value)) update[column.name] = JSON.stringify(next);
      } else {
        const next = scrubText(typeof value === 'string' ? value : JSON.stringify(value), pattern).slice(
          0,
          column.maxLength,
        );
        if (next !== value) update[column.name] = next;
      }
    }
    if (Object.keys(update).length === 0) continue;
    await knex(spec.table).where({ id: row.id, shop_id: shopId }).update(update);
    changed.add(row.id);
  }
}

/** Audit entries of the customer row itself: every personal field's value, whatever it is. */
async function scrubCustomerEntries(
  knex: Knex,
  search: Search,
  pattern: PersonalPattern | null,
  changed: Set<number | string>,
): Promise<void> {
  const entries = (await knex('audit_logs').select('id', 'old_value', 'new_value').where({
    shop_id: search.bindings.shop,
    entity_type: 'customers',
    entity_id: search.bindings.customerKey,
  })) as {
    id: string;
    old_value: unknown;
    new_value: unknown;
  }[];
  for (const entry of entries) {
    const oldValue = scrubJson(entry.old_value, pattern, PERSONAL_KEYS);
    const newValue = scrubJson(entry.new_value, pattern, PERSONAL_KEYS);
    if (sameJson(oldValue, entry.old_value) && sameJson(newValue, entry.new_value)) continue;
    await knex('audit_logs')
      .where({ id: entry.id })
      .update({ old_value: JSON.stringify(oldValue), new_value: JSON.stringify(newValue) });
    changed.add(entry.id);
  }
}

/**
 * Directus's revisions (the history of /items and Studio edits): those of the customer row, every
 * personal field; those of the shop's other rows that mention the person, their identifiers.
 */
async function scrubRevisions(knex: Knex, search: Search): Promise<number> {
  const wide = search.wide;
  const { rows } = await knex.raw<{
    rows: { id: number; collection: string; item: string; data: string | null; delta: string | null }[];
  }>(
    `SELECT id, collection, item, data::text AS data, delta::text AS delta FROM directus_revisions
      WHERE (collection = 'customers' AND item = :customerKey)
         OR (:wide AND collection = ANY(CAST(:collections AS text[])) AND data->>'shop_id' = :shopKey
             AND (data::text ~* ANY(CAST(:candidates AS text[])) OR delta::text ~* ANY(CAST(:candidates AS text[]))))`,
    {
      customerKey: search.bindings.customerKey,
      shopKey: String(search.bindings.shop),
      collections: [...REVISED_COLLECTIONS],
      wide: wide !== null,
      candidates: wide?.candidates ?? [],
    },
  );
  let count = 0;
  for (const revision of rows) {
    const own = revision.collection === 'customers' && revision.item === search.bindings.customerKey;
    const keys = own ? PERSONAL_KEYS : new Set<string>();
    const pattern = own ? search.linked : wide;
    const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));
    const data = parse(revision.data);
    const delta = parse(revision.delta);
    const nextData = scrubJson(data, pattern, keys);
    const nextDelta = scrubJson(delta, pattern, keys);
    if (sameJson(nextData, data) && sameJson(nextDelta, delta)) continue;
    await knex.raw(
      'UPDATE directus_revisions SET data = CAST(? AS json), delta = CAST(? AS json) WHERE id = ?',
      [
        nextData === null ? null : JSON.stringify(nextData),
        nextDelta === null ? null : JSON.stringify(nextDelta),
        revision.id,
      ],
    );
    count += 1;
  }
  return count;
}

export interface ErasureInput {
  reason: string;
  /** The customer's current name or phone, typed by the Owner. */
  confirm: string;
}

/** Erases a customer of the caller's shop (Owners: `customers.delete`). */
export async function eraseCustomer(
  ctx: ActionContext,
  customerId: number,
  input: ErasureInput,
): Promise<{ id: number; erased_at: string }> {
  requireRight(ctx, 'customers', 'delete');
  // Locked: a second erasure at the same moment waits, then finds it erased.
  const customer = await customerOfShop(ctx, customerId, true);
  if (customer.erased_at !== null)
    throw new CustomerErasedError({ customer: String(customerId), reason: 'there is nothing left to erase' });
  const shop = await loadShop(ctx.knex, ctx.shopId);
  if (!confirmsCustomer(input.confirm, customer, shop.country))
    throw new InvalidFieldError({
      field: 'confirm',
      reason: "does not match the customer's current name or phone number",
    });

  const search = await searchFor(ctx.knex, ctx.shopId, customer);
  const scrubbed: Record<string, number> = {};
  await allowPrivacyScrub(ctx.knex, true);
  for (const spec of PERSONAL_TABLES) {
    const changed = new Set<number | string>();
    if (spec.table === 'audit_logs') await scrubCustomerEntries(ctx.knex, search, search.linked, changed);
    await scrubTable(ctx.knex, ctx.shopId, spec, search, changed);
    if (changed.size > 0) scrubbed[spec.table] = changed.size;
  }
  const revisions = await scrubRevisions(ctx.knex, search);
  if (revisions > 0) scrubbed['directus_revisions'] = revisions;
  await allowPrivacyScrub(ctx.knex, false);

  const [erased] = (await ctx
    .knex('customers')
    .where({ id: customerId, shop_id: ctx.shopId })
    .update({
      name: ERASED_NAME,
      phone: null,
      email: null,
      address: null,
      id_number: null,
      date_of_birth: null,
      gender: null,
      notes: null,
      erased_at: ctx.knex.fn.now(),
      erased_by: ctx.userId,
      updated_at: ctx.knex.fn.now(),
    })
    .returning('erased_at')) as [{ erased_at: Date }];
  const erasedAt = erased.erased_at.toISOString();

  // Who, when, why and how much was scrubbed; never what was erased (the reason is scrubbed too).
  audit(ctx, {
    entityType: 'customers',
    entityId: customerId,
    action: 'erase',
    newValue: {
      reason: search.linked ? scrubText(input.reason, search.linked) : input.reason,
      erased_at: erasedAt,
      scrubbed,
    },
  });
  // Integrations that copied the customer are told to forget them too.
  enqueueEvent(ctx, 'customer.erased', { customer_id: customerId, erased_at: erasedAt });
  return { id: customerId, erased_at: erasedAt };
}
