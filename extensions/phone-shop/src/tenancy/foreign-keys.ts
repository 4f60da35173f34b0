// One answer for another shop's rows and for rows that do not exist, on every generic write that
// names rows by key: single and batch updates and deletes, nested relational writes and imports
// that upsert by primary key. Directus answers them differently (an update's field list for a row
// that exists, a create's "field id" for one that does not): a yes/no oracle on which keys exist
// elsewhere. A shop account's write is refused before Directus looks, with the answer of a read of
// a row it may not see, when any key is not its shop's, and a create may not choose its key.
import { ForbiddenError } from '@directus/errors';
import type { Knex } from 'knex';
import { ruleFor } from '../../../../snapshots/access/rules.ts';

const INT4 = { min: -2_147_483_648, max: 2_147_483_647 };

/** Refuses unless every key names a row of the shop (a key out of its column's range names none). */
export async function refuseForeignKeys(
  database: Knex,
  collection: string,
  primary: string,
  keys: readonly unknown[],
  shopId: number,
): Promise<void> {
  const rule = ruleFor(collection);
  if (!rule || keys.length === 0) return;
  // A key from a path is text ("99999999999"): read as the number it is, so that one beyond the
  // column's range is refused here rather than sent to PostgreSQL, which would refuse the query.
  const unique = [
    ...new Set(
      keys.map((k) => (typeof k === 'number' ? k : /^-?\d{1,20}$/.test(String(k)) ? Number(k) : String(k))),
    ),
  ];
  if (unique.some((k) => typeof k === 'number' && (!Number.isInteger(k) || k < INT4.min || k > INT4.max)))
    throw new ForbiddenError();
  const shopColumn = rule.shopField === 'id' ? primary : rule.shopField;
  const [row] = (await database(collection)
    .whereIn(primary, unique)
    .where(shopColumn, shopId)
    .count({ n: '*' })) as [{ n: string | number }];
  if (Number(row.n) !== unique.length) throw new ForbiddenError();
}

/** Refuses a create that chooses its own primary key: the server gives keys. */
export function refuseChosenKey(collection: string, primary: string, payload: Record<string, unknown>): void {
  if (ruleFor(collection) && payload[primary] !== undefined && payload[primary] !== null)
    throw new ForbiddenError();
}
