// A checkout claims its idempotency key in the same statement that reads its facts and takes its
// stock, and records there which sale the key made; a replay answers that sale. The key no longer
// waits for the response to be written back at the end (services/sales/checkout.service.ts).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE idempotency_keys ADD COLUMN resource_id integer;
COMMENT ON COLUMN idempotency_keys.resource_id IS 'What the request created (a checkout: the sale id); a replay answers it as it is now.';
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE idempotency_keys DROP COLUMN resource_id');
}
