// Events leave the system (docs/api.md, Webhooks): the delivery engine's state. An outbox event is
// fanned out once into one delivery per subscriber (a webhook of its shop, or the platform's
// automations); each delivery is claimed under a lease, attempted, and retried with backoff until it
// is delivered or dead. Every attempt is logged. A statement trigger wakes the engines at commit.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE webhooks
  ADD COLUMN previous_secret varchar(128),
  ADD COLUMN previous_secret_expires_at timestamptz,
  ADD COLUMN last_success_at timestamptz,
  ADD COLUMN last_failure_at timestamptz,
  ADD COLUMN failure_streak integer NOT NULL DEFAULT 0 CHECK (failure_streak >= 0),
  ADD COLUMN failing_since timestamptz,
  ADD COLUMN disabled_at timestamptz,
  ADD COLUMN disabled_reason text,
  ADD CONSTRAINT webhooks_events_listed CHECK (jsonb_array_length(events) BETWEEN 1 AND 50),
  ADD CONSTRAINT webhooks_previous_secret_dated CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL));
CREATE INDEX webhooks_active_idx ON webhooks (shop_id) WHERE is_active;

-- The event's state is its deliveries' (pending until fanned out and delivered to everyone).
ALTER TABLE outbox_events ADD COLUMN fanned_out_at timestamptz;
UPDATE outbox_events SET fanned_out_at = created_at, status = 'delivered', dispatched_at = now();
CREATE INDEX outbox_events_fan_out_idx ON outbox_events (id) WHERE fanned_out_at IS NULL;
CREATE INDEX outbox_events_shop_idx ON outbox_events (shop_id, id DESC);
DROP INDEX IF EXISTS outbox_events_due_idx;

-- The delivery log of the first schema was never written: it becomes the deliveries, and the
-- attempts get a table of their own.
DROP TABLE webhook_deliveries;
CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  -- The event's shop is copied with it by the fan-out (delivery/store.ts); outbox_events keeps no
  -- (shop_id, id) key for a composite reference, which every checkout would pay for (migration 0006).
  outbox_event_id bigint NOT NULL REFERENCES outbox_events(id) ON DELETE CASCADE,
  -- 'webhook': one of the shop's webhooks; 'automation': the platform's automation endpoint (n8n).
  subscriber varchar(20) NOT NULL CHECK (subscriber IN ('webhook', 'automation')),
  webhook_id integer REFERENCES webhooks(id) ON DELETE CASCADE,
  event_type varchar(100) NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'failed', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A claim: the engine holding it until then; after it, any engine may take the delivery again.
  lease_until timestamptz,
  lease_token uuid,
  last_status_code integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  updated_at timestamptz,
  CONSTRAINT webhook_deliveries_shop_id_id_key UNIQUE (shop_id, id),
  CONSTRAINT webhook_deliveries_subscriber_webhook CHECK ((subscriber = 'webhook') = (webhook_id IS NOT NULL)),
  CONSTRAINT webhook_deliveries_once UNIQUE NULLS NOT DISTINCT (outbox_event_id, subscriber, webhook_id),
  CONSTRAINT webhook_deliveries_webhook_id_same_shop FOREIGN KEY (shop_id, webhook_id)
    REFERENCES webhooks(shop_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (webhook_id, next_attempt_at, id)
  WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_deliveries_automation_due_idx ON webhook_deliveries (next_attempt_at, id)
  WHERE status IN ('pending', 'failed') AND subscriber = 'automation';
CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (outbox_event_id);
CREATE INDEX webhook_deliveries_dead_idx ON webhook_deliveries (created_at DESC) WHERE status = 'dead';

CREATE TABLE webhook_attempts (
  id bigserial PRIMARY KEY,
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  delivery_id bigint NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  webhook_id integer REFERENCES webhooks(id) ON DELETE CASCADE,
  outbox_event_id bigint NOT NULL,
  event_type varchar(100) NOT NULL,
  attempt integer NOT NULL CHECK (attempt > 0),
  status varchar(20) NOT NULL CHECK (status IN ('delivered', 'failed')),
  response_status integer,
  -- The first KB of the answer.
  response_body varchar(1024),
  error text,
  duration_ms integer CHECK (duration_ms >= 0),
  -- The server process that made it (host and process id).
  sent_by varchar(100),
  started_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT webhook_attempts_shop_id_id_key UNIQUE (shop_id, id),
  CONSTRAINT webhook_attempts_delivery_id_same_shop FOREIGN KEY (shop_id, delivery_id)
    REFERENCES webhook_deliveries(shop_id, id) ON DELETE CASCADE,
  CONSTRAINT webhook_attempts_webhook_id_same_shop FOREIGN KEY (shop_id, webhook_id)
    REFERENCES webhooks(shop_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_attempts_webhook_idx ON webhook_attempts (shop_id, webhook_id, id DESC);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id);
CREATE INDEX webhook_attempts_created_idx ON webhook_attempts (created_at);

-- NOTIFY is sent when the transaction commits (and not at all when it rolls back): the engines
-- start fanning out within a moment of the sale. One notification per statement is enough.
CREATE FUNCTION phone_shop_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('phone_shop_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
  FOR EACH STATEMENT EXECUTE FUNCTION phone_shop_outbox_notify();
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP TRIGGER IF EXISTS outbox_events_notify ON outbox_events;
DROP FUNCTION IF EXISTS phone_shop_outbox_notify();
DROP TABLE IF EXISTS webhook_attempts;
DROP TABLE IF EXISTS webhook_deliveries;
CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  webhook_id integer NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  outbox_event_id bigint REFERENCES outbox_events(id) ON DELETE SET NULL,
  event_type varchar(100) NOT NULL,
  status varchar(20) NOT NULL CHECK (status IN ('delivered', 'failed')),
  attempt integer NOT NULL CHECK (attempt > 0),
  response_status integer,
  response_body text,
  error text,
  duration_ms integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT webhook_deliveries_shop_id_id_key UNIQUE (shop_id, id)
);
DROP INDEX IF EXISTS outbox_events_fan_out_idx;
DROP INDEX IF EXISTS outbox_events_shop_idx;
CREATE INDEX outbox_events_due_idx ON outbox_events (next_attempt_at) WHERE status IN ('pending', 'failed');
ALTER TABLE outbox_events DROP COLUMN fanned_out_at;
DROP INDEX IF EXISTS webhooks_active_idx;
ALTER TABLE webhooks
  DROP CONSTRAINT webhooks_events_listed,
  DROP CONSTRAINT webhooks_previous_secret_dated,
  DROP COLUMN previous_secret, DROP COLUMN previous_secret_expires_at, DROP COLUMN last_success_at,
  DROP COLUMN last_failure_at, DROP COLUMN failure_streak, DROP COLUMN failing_since,
  DROP COLUMN disabled_at, DROP COLUMN disabled_reason;
`);
}
