// Expense categories and monthly budgets, pure. A shop lists its categories in the setting
// `expense.categories` (comma-separated); each category's monthly budget is the setting
// `budget.<slug>` in the currency's smallest unit. Spending counts what is approved and what still
// waits for approval (a pending expense is money committed); rejected expenses do not count.

export const DEFAULT_EXPENSE_CATEGORIES = [
  'Rent',
  'Utilities',
  'Transport',
  'Salaries',
  'Stock purchase',
  'Repairs parts',
  'Marketing',
  'Other',
] as const;

/** The shop's categories from its setting, trimmed, without blanks or repeats; the default list if none. */
export function parseCategories(setting: string | undefined): string[] {
  const seen = new Set<string>();
  const categories: string[] = [];
  for (const raw of (setting ?? '').split(',')) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (!name || seen.has(name.toLowerCase()) || categorySlug(name) === null) continue;
    seen.add(name.toLowerCase());
    categories.push(name);
  }
  return categories.length > 0 ? categories : [...DEFAULT_EXPENSE_CATEGORIES];
}

/**
 * The part of a setting key that names a category: lower case letters, digits and underscores,
 * starting with a letter (the settings key rule). "Stock purchase" -> "stock_purchase". null when
 * the name has no letter or digit at all.
 */
export function categorySlug(name: string): string | null {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) return null;
  return /^[a-z]/.test(slug) ? slug : `c_${slug}`;
}

export const budgetKey = (slug: string): string => `budget.${slug}`;

/** The shop's own spelling of a category typed in any case, or undefined when it is not listed. */
export function findCategory(categories: readonly string[], typed: string): string | undefined {
  const wanted = typed.trim().replace(/\s+/g, ' ').toLowerCase();
  return categories.find((c) => c.toLowerCase() === wanted);
}

/** A month (YYYY-MM) as dates: its first day and the first day of the next month (exclusive). */
export function monthRange(month: string): { from: string; to: string } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const index = Number(match?.[2]);
  if (!match || index < 1 || index > 12) throw new RangeError(`${month} is not a month (YYYY-MM)`);
  const next = index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

/** The month (YYYY-MM) of a date (YYYY-MM-DD). */
export const monthOf = (date: string): string => date.slice(0, 7);

/** A budget setting's value: a whole non-negative amount, or null when unset or not a number. */
export function parseBudget(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const amount = Number(value);
  return Number.isSafeInteger(amount) && amount >= 0 ? amount : null;
}

export interface BudgetLine {
  category: string;
  slug: string;
  budget: number | null;
  approved: number;
  pending: number;
  spent: number;
  remaining: number | null;
  over_budget: boolean;
}

export function budgetLine(
  category: string,
  slug: string,
  budget: number | null,
  approved: number,
  pending: number,
): BudgetLine {
  const spent = approved + pending;
  return {
    category,
    slug,
    budget,
    approved,
    pending,
    spent,
    remaining: budget === null ? null : budget - spent,
    over_budget: budget !== null && spent > budget,
  };
}

/** Whether spending went from within the budget to above it (the Owner hears once per crossing). */
export function crossesBudget(budget: number | null, spentBefore: number, spentAfter: number): boolean {
  return budget !== null && spentBefore <= budget && spentAfter > budget;
}
