// The delivery engine claims each endpoint's due deliveries ahead of sending them (docs/decisions.md,
// "Claimed ahead"), so it must hear when a webhook changes under those claims:
//
// - webhooks_notify: a webhook's address, secrets or switch changed, or the webhook deleted, sends
//   NOTIFY phone_shop_webhooks with its id when the transaction commits. Each engine then gives back
//   the deliveries of it that it holds, to be claimed again under the new settings (or not at all).
// - webhook_deliveries_event_idx goes: webhook_deliveries_once (outbox_event_id, ...) serves the same
//   lookups, and each delivery written paid for both.
// - webhook_attempts_created_idx becomes a BRIN index: attempts arrive in time order, and the pruning
//   by age is all it serves; a btree cost every attempt an entry.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE FUNCTION phone_shop_webhook_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('phone_shop_webhooks', OLD.id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER webhooks_notify
  AFTER UPDATE OF url, secret, previous_secret, previous_secret_expires_at, is_active OR DELETE ON webhooks
  FOR EACH ROW EXECUTE FUNCTION phone_shop_webhook_notify();

DROP INDEX webhook_deliveries_event_idx;

DROP INDEX webhook_attempts_created_idx;
CREATE INDEX webhook_attempts_created_idx ON webhook_attempts USING brin (created_at);
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP INDEX webhook_attempts_created_idx;
CREATE INDEX webhook_attempts_created_idx ON webhook_attempts (created_at);
CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (outbox_event_id);
DROP TRIGGER webhooks_notify ON webhooks;
DROP FUNCTION phone_shop_webhook_notify();
`);
}
