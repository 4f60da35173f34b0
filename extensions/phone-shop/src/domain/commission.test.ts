import { describe, expect, it } from 'vitest';
import { applicableRule, commissionOf, type CommissionRule } from './commission.ts';

const rule = (overrides: Partial<CommissionRule>): CommissionRule => ({
  user_id: null,
  type: 'percentage',
  value: 200,
  applies_to: 'sales',
  min_amount: 0,
  is_active: true,
  ...overrides,
});

describe('commission', () => {
  it('takes the highest tier reached by the month’s net amount', () => {
    const rules = [
      rule({ value: 200 }),
      rule({ value: 300, min_amount: 5_000_000 }),
      rule({ value: 500, min_amount: 20_000_000 }),
    ];
    expect(applicableRule(rules, 'u1', 'sales', 6_000_000)?.value).toBe(300);
    expect(
      commissionOf(applicableRule(rules, 'u1', 'sales', 6_000_000), { amount: 6_000_000, count: 10 }),
    ).toBe(180_000);
  });

  it('prefers the user’s own rules to the shop’s', () => {
    const rules = [rule({ value: 200 }), rule({ user_id: 'u1', type: 'fixed', value: 5_000 })];
    const own = applicableRule(rules, 'u1', 'sales', 1_000_000);
    expect(commissionOf(own, { amount: 1_000_000, count: 4 })).toBe(20_000);
    expect(applicableRule(rules, 'u2', 'sales', 1_000_000)?.value).toBe(200);
  });

  it('takes back commission on reversed sales (they count negatively) and never goes below zero', () => {
    const r = rule({ value: 1_000 });
    expect(commissionOf(r, { amount: 1_000_000 - 400_000, count: 1 })).toBe(60_000);
    expect(commissionOf(rule({ type: 'fixed', value: 2_000 }), { amount: -10_000, count: -1 })).toBe(0);
  });

  it('ignores inactive rules and other kinds of work', () => {
    expect(
      applicableRule([rule({ is_active: false }), rule({ applies_to: 'repairs' })], 'u1', 'sales', 100),
    ).toBeNull();
  });
});
