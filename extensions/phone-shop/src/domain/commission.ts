// Commission for a month, from the shop's rules: a percentage (basis points) of the staff member's
// net sales or repair revenue, or a fixed amount per sale or repair; tiers are rules with a minimum
// monthly amount, and the highest tier reached applies. Reversed sales take their commission back
// because they count negatively (amount and count). Integers only.
import { applyRate } from './money.ts';

export interface CommissionRule {
  user_id: string | null;
  type: 'percentage' | 'fixed';
  value: number;
  applies_to: 'sales' | 'repairs';
  min_amount: number;
  is_active: boolean;
}

export interface MonthlyTotals {
  /** Net amount: sales less reversals (or repair revenue). */
  amount: number;
  /** Net count: sales less reversed sales (or repairs delivered). */
  count: number;
}

/** The rule that applies to a user for a kind of work: their own rules first, then the shop's. */
export function applicableRule(
  rules: readonly CommissionRule[],
  userId: string,
  appliesTo: 'sales' | 'repairs',
  amount: number,
): CommissionRule | null {
  const active = rules.filter((r) => r.is_active && r.applies_to === appliesTo);
  const own = active.filter((r) => r.user_id === userId);
  const candidates = (own.length > 0 ? own : active.filter((r) => r.user_id === null)).filter(
    (r) => amount >= r.min_amount,
  );
  return candidates.sort((a, b) => b.min_amount - a.min_amount)[0] ?? null;
}

export function commissionOf(rule: CommissionRule | null, totals: MonthlyTotals): number {
  if (!rule) return 0;
  const raw = rule.type === 'percentage' ? applyRate(totals.amount, rule.value) : rule.value * totals.count;
  return Math.max(0, raw);
}
