// The point of sale's statements are prepared once per connection (node-pg's named statements), so
// PostgreSQL parses and plans each of them once instead of at every checkout: for the checkout's
// statements that was the larger part of the database's time (bench/RESULTS.md). A statement's name
// is derived from its text, so the same text always has the same name and a different text (a
// journal with other tables) gets its own. Only statements of a few fixed shapes go through here.
//
// They run on knex's connection (the transaction's, or one taken from the pool and given back), but
// not through knex's query runner, which keeps off the hot path knex's per-query work and Directus's
// listener on every query (it formats each statement with all its bindings into a trace line, logged
// or not).
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

interface PgConnection {
  query: (config: { name: string; text: string; values: readonly unknown[] }) => Promise<{ rows: unknown[] }>;
}

interface KnexClient {
  acquireConnection: () => Promise<PgConnection>;
  releaseConnection: (connection: PgConnection) => Promise<void>;
}

const statements = new Map<string, { name: string; text: string }>();

/** The statement's name and its text with PostgreSQL's `$n` placeholders for knex's `?`. */
function statementOf(sql: string): { name: string; text: string } {
  let statement = statements.get(sql);
  if (statement === undefined) {
    let n = 0;
    statement = {
      name: `phone_shop_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`,
      text: sql.replace(/\?/g, () => `$${++n}`),
    };
    statements.set(sql, statement);
  }
  return statement;
}

/**
 * Runs a statement (with `?` placeholders), prepared on the connection the first time it runs there;
 * answers its rows as the driver parsed them.
 */
export async function prepared(knex: Knex, sql: string, bindings: readonly unknown[]): Promise<unknown[]> {
  const { name, text } = statementOf(sql);
  // A transaction's client hands out its own connection, and its release does nothing.
  const client = knex.client as KnexClient;
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ name, text, values: bindings })).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}
