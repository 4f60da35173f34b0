// Security hardening (docs/security.md): the sign-in lockout's memory, the addresses each account
// signed in from, two-factor recovery codes, a shop's security settings (required two-factor, IP
// allow-list), and the instant from which a user's access tokens count.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
-- Failed sign-ins, counted per (e-mail as typed, source address), per source address and per
-- e-mail. The e-mail is what was typed, whether or not an account has it, so that a lock says
-- nothing about which e-mails exist. No shop role reads it; quiet rows are purged by the sweep.
CREATE TABLE sign_in_throttle (
  scope varchar(10) NOT NULL CHECK (scope IN ('pair', 'address', 'account')),
  email varchar(254) NOT NULL DEFAULT '',
  address varchar(64) NOT NULL DEFAULT '',
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  window_started_at timestamptz NOT NULL DEFAULT now(),
  lockouts integer NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
  locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, email, address),
  CHECK ((scope = 'pair' AND email <> '' AND address <> '')
      OR (scope = 'address' AND email = '' AND address <> '')
      OR (scope = 'account' AND email <> '' AND address = ''))
);
CREATE INDEX sign_in_throttle_updated_idx ON sign_in_throttle (updated_at);
COMMENT ON TABLE sign_in_throttle IS 'Failed sign-ins and temporary locks (security/sign-in.ts); never a permanent suspension.';

-- Where each account last signed in successfully: an address an account knows keeps signing in
-- while strangers elsewhere are slowed down on that account.
CREATE TABLE sign_in_addresses (
  user_id uuid NOT NULL REFERENCES directus_users(id) ON DELETE CASCADE,
  address inet NOT NULL,
  last_success_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, address)
);

-- One-use recovery codes of two-factor authentication, kept as SHA-256 hashes (they are random
-- and long: a slow hash adds nothing).
CREATE TABLE two_factor_recovery_codes (
  id serial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES directus_users(id) ON DELETE CASCADE,
  code_hash char(64) NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT two_factor_recovery_codes_unique UNIQUE (user_id, code_hash)
);

-- A shop's own security settings: which roles must use two-factor authentication, and the
-- networks its accounts may work from (empty: anywhere). JSON arrays rather than PostgreSQL arrays,
-- which Directus (Studio, /items) cannot write; the checks keep them well formed whoever writes.
CREATE FUNCTION phone_shop_networks_valid(networks jsonb) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE entry text;
BEGIN
  IF jsonb_typeof(networks) <> 'array' OR jsonb_array_length(networks) > 50 THEN RETURN false; END IF;
  FOR entry IN SELECT jsonb_array_elements_text(networks) LOOP
    PERFORM entry::inet;
  END LOOP;
  RETURN true;
EXCEPTION WHEN invalid_text_representation OR invalid_parameter_value THEN
  RETURN false;
END $$;

CREATE TABLE shop_security (
  shop_id integer PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
  require_two_factor jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(require_two_factor) = 'array' AND require_two_factor <@ '["Owner", "Supervisor"]'),
  ip_allowlist jsonb NOT NULL DEFAULT '[]' CHECK (phone_shop_networks_valid(ip_allowlist)),
  updated_at timestamptz,
  updated_by uuid REFERENCES directus_users(id) ON DELETE SET NULL
);
COMMENT ON COLUMN shop_security.ip_allowlist IS 'Addresses or CIDR ranges (JSON strings) the shop''s accounts may work from; empty: anywhere.';

-- Access tokens issued before this instant (whole seconds, as a token's iat) are refused: set when
-- the password changes, the account is suspended or signed out everywhere.
ALTER TABLE directus_users ADD COLUMN tokens_valid_after timestamptz;
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE directus_users DROP COLUMN tokens_valid_after;
DROP TABLE shop_security;
DROP FUNCTION phone_shop_networks_valid(jsonb);
DROP TABLE two_factor_recovery_codes;
DROP TABLE sign_in_addresses;
DROP TABLE sign_in_throttle;
`);
}
