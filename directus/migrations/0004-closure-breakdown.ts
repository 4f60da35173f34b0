// The daily closure keeps what the server expected per payment method, beside what was counted, so a
// reviewer sees where a variance comes from: expected = the day's sale and repair payments of that
// method (reversals negative), less, for cash only, the approved cash expenses paid from the drawer.
// Closures recorded before this migration have no breakdown (all NULL); new ones always have all of
// it, adding up to expected_amount. The closure also records who locked it, and why it was rejected;
// a rejected expense records why too.
import type { Knex } from 'knex';

/** One expected figure per payment method, in the order of PAYMENT_METHODS. */
const EXPECTED = [
  'expected_cash',
  'expected_mtn',
  'expected_airtel',
  'expected_card',
  'expected_bank_transfer',
  'expected_other',
] as const;

const BREAKDOWN = [...EXPECTED, 'cash_expenses'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE daily_closures
  ${EXPECTED.map((c) => `ADD COLUMN ${c} integer`).join(',\n  ')},
  ADD COLUMN cash_expenses integer CHECK (cash_expenses >= 0),
  ADD COLUMN rejection_reason text,
  ADD COLUMN locked_by uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  ADD COLUMN locked_at timestamptz;
ALTER TABLE expenses ADD COLUMN rejection_reason text;

-- Rows written before this migration get the facts the new rules ask for.
UPDATE daily_closures SET locked_at = coalesce(updated_at, created_at) WHERE status = 'Locked';
UPDATE daily_closures SET rejection_reason = 'not recorded' WHERE status = 'Rejected';
UPDATE expenses SET rejection_reason = 'not recorded' WHERE status = 'Rejected';

ALTER TABLE daily_closures
  ADD CONSTRAINT daily_closures_expected_amount_check CHECK (
    (${BREAKDOWN.map((c) => `${c} IS NULL`).join(' AND ')})
    OR (${BREAKDOWN.map((c) => `${c} IS NOT NULL`).join(' AND ')}
        AND expected_amount = ${EXPECTED.join(' + ')})),
  ADD CONSTRAINT daily_closures_locked_at_check CHECK ((status = 'Locked') = (locked_at IS NOT NULL)),
  ADD CONSTRAINT daily_closures_rejection_reason_check CHECK (status <> 'Rejected' OR (rejection_reason IS NOT NULL AND btrim(rejection_reason) <> ''));
ALTER TABLE expenses
  ADD CONSTRAINT expenses_rejection_reason_check CHECK (status <> 'Rejected' OR (rejection_reason IS NOT NULL AND btrim(rejection_reason) <> ''));
CREATE INDEX expenses_shop_category_date_idx ON expenses (shop_id, category, expense_date);
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP INDEX IF EXISTS expenses_shop_category_date_idx;
ALTER TABLE expenses DROP CONSTRAINT IF EXISTS expenses_rejection_reason_check, DROP COLUMN IF EXISTS rejection_reason;
ALTER TABLE daily_closures
  DROP CONSTRAINT IF EXISTS daily_closures_rejection_reason_check,
  DROP CONSTRAINT IF EXISTS daily_closures_locked_at_check,
  DROP CONSTRAINT IF EXISTS daily_closures_expected_amount_check,
  ${[...BREAKDOWN, 'rejection_reason', 'locked_by', 'locked_at']
    .map((c) => `DROP COLUMN IF EXISTS ${c}`)
    .join(',\n  ')};
`);
}
