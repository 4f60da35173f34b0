// What a customer's data export leaves out of the copies it shows (audit values, event payloads): who
// on the staff did what, and what things cost the shop. The staff's names and ids are their own
// personal data, and cost prices and margins are the shop's, not the customer's.

/** Keys that name a member of the staff in the server's records: their values are replaced. */
export const STAFF_KEYS: ReadonlySet<string> = new Set([
  'user_id',
  'created_by',
  'approved_by',
  'locked_by',
  'changed_by',
  'submitted_by',
  'reviewed_by',
  'cancelled_by',
  'erased_by',
  'technician_id',
  'cashier',
]);

/** Keys of costs and margins: left out. */
export const COST_KEYS: ReadonlySet<string> = new Set([
  'unit_cost',
  'margin',
  'cost_price',
  'purchase_price',
  'parts_cost',
]);

/** What replaces a member of the staff. */
export const STAFF_TEXT = '[staff]';

/** A JSON value as the customer may see it: staff replaced and costs left out, deep. */
export function forTheCustomer(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forTheCustomer);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !COST_KEYS.has(key))
        .map(([key, v]) => [key, STAFF_KEYS.has(key) && v !== null ? STAFF_TEXT : forTheCustomer(v)]),
    );
  }
  return value;
}
