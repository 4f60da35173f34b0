import { describe, expect, it } from 'vitest';
import {
  budgetLine,
  categorySlug,
  crossesBudget,
  DEFAULT_EXPENSE_CATEGORIES,
  findCategory,
  monthRange,
  parseBudget,
  parseCategories,
} from './expense-budget.ts';

describe('expense categories', () => {
  it('reads the shop setting, trimmed and without repeats, or the default list', () => {
    expect(parseCategories(' Rent , Fuel,, rent ,Airtime  bundles ')).toEqual([
      'Rent',
      'Fuel',
      'Airtime bundles',
    ]);
    expect(parseCategories(undefined)).toEqual([...DEFAULT_EXPENSE_CATEGORIES]);
    expect(parseCategories(' , ')).toEqual([...DEFAULT_EXPENSE_CATEGORIES]);
  });

  it('makes setting keys from names: lower case, underscores, starting with a letter', () => {
    expect(categorySlug('Stock purchase')).toBe('stock_purchase');
    expect(categorySlug('Repairs parts')).toBe('repairs_parts');
    expect(categorySlug('Café & Tea')).toBe('cafe_tea');
    expect(categorySlug('4G data')).toBe('c_4g_data');
    expect(categorySlug('***')).toBeNull();
  });

  it('finds a category typed in any case, as the shop spells it', () => {
    expect(findCategory(['Stock purchase'], '  stock   PURCHASE ')).toBe('Stock purchase');
    expect(findCategory(['Rent'], 'Bribes')).toBeUndefined();
  });
});

describe('budgets', () => {
  it('spans a month from its first day to the first day of the next', () => {
    expect(monthRange('2026-03')).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(() => monthRange('2026-13')).toThrow(RangeError);
  });

  it('reads budgets as whole non-negative amounts', () => {
    expect(parseBudget('300000')).toBe(300_000);
    expect(parseBudget('0')).toBe(0);
    expect(parseBudget('12.5')).toBeNull();
    expect(parseBudget('-1')).toBeNull();
    expect(parseBudget(undefined)).toBeNull();
  });

  it('counts approved and pending spending, and is over budget only above it', () => {
    expect(budgetLine('Transport', 'transport', 100_000, 60_000, 40_000)).toEqual({
      category: 'Transport',
      slug: 'transport',
      budget: 100_000,
      approved: 60_000,
      pending: 40_000,
      spent: 100_000,
      remaining: 0,
      over_budget: false,
    });
    expect(budgetLine('Transport', 'transport', 100_000, 60_000, 40_001).over_budget).toBe(true);
    expect(budgetLine('Rent', 'rent', null, 5_000_000, 0)).toMatchObject({
      remaining: null,
      over_budget: false,
    });
  });

  it('crosses the budget once: from within it to above it', () => {
    expect(crossesBudget(100_000, 90_000, 110_000)).toBe(true);
    expect(crossesBudget(100_000, 100_000, 100_001)).toBe(true);
    expect(crossesBudget(100_000, 110_000, 120_000)).toBe(false);
    expect(crossesBudget(100_000, 10_000, 100_000)).toBe(false);
    expect(crossesBudget(null, 0, 1_000_000)).toBe(false);
  });
});
