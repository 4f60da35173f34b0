// The point of sale's statements are prepared once per connection (node-pg's named statements), so
// PostgreSQL parses and plans each of them once instead of at every checkout: for the checkout's
// statements that was the larger part of the database's time (bench/RESULTS.md). A statement's name
// is derived from its text, so the same text always has the same name and a different text (a
// journal with other tables) gets its own.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

const names = new Map<string, string>();

function nameOf(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `phone_shop_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}

/** A raw statement, prepared on the connection the first time it runs there. */
export function prepared<T>(knex: Knex, sql: string, bindings: readonly Knex.RawBinding[]): Knex.Raw<T> {
  return knex.raw<T>(sql, bindings).options({ name: nameOf(sql) });
}
