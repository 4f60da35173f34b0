// Expenses beyond plain CRUD (which is /items/expenses, per the matrix): a create that checks the
// category and the receipt and warns when the category goes over its monthly budget, the Owner's
// approval or rejection (only from Pending), the shop's categories, its monthly budgets per category
// (settings `budget.<slug>`), and spending against them. Approved cash expenses come out of the
// day's expected cash in the daily closure, so a cash expense of a day whose closure is approved or
// locked can no longer be approved.
import { isStoredId } from '../../domain/ranges.ts';
import type { Knex } from 'knex';
import {
  budgetKey,
  budgetLine,
  categorySlug,
  crossesBudget,
  findCategory,
  monthOf,
  monthRange,
  parseBudget,
  parseCategories,
  type BudgetLine,
} from '../../domain/expense-budget.ts';
import { localDate } from '../../domain/closure.ts';
import { formatMoney } from '../../domain/money.ts';
import type { PaymentMethod } from '../../../../../snapshots/enums.ts';
import { ExpenseStateError, InvalidFieldError, NotFoundError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { notifyRoles, notifyUser } from '../notifications.ts';
import { requireRight } from '../rights.ts';
import { loadSettings, loadShop } from '../shop.ts';

export interface ExpenseInput {
  category: string;
  description: string;
  amount: number;
  payment_method: PaymentMethod;
  expense_date: string;
  receipt: string | null;
  receipt_url: string | null;
}

export interface ExpenseDetail {
  id: number;
  category: string;
  description: string;
  amount: number;
  payment_method: PaymentMethod;
  receipt: string | null;
  receipt_url: string | null;
  expense_date: string;
  status: 'Pending' | 'Approved' | 'Rejected';
  rejection_reason: string | null;
  created_by: string | null;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string | null;
}

export interface BudgetWarning {
  code: 'OVER_BUDGET';
  category: string;
  month: string;
  budget: number;
  spent: number;
  over_by: number;
  message: string;
}

/** What the budget check needs: the database and the shop (also used by the /items create hook). */
export type ShopScope = Pick<ActionContext, 'knex' | 'shopId' | 'journal'>;

const EXPENSE_COLUMNS = [
  'id',
  'category',
  'description',
  'amount',
  'payment_method',
  'receipt',
  'receipt_url',
  'status',
  'rejection_reason',
  'created_by',
  'approved_by',
  'approved_at',
  'created_at',
  'updated_at',
];

async function readExpense(ctx: ShopScope, expenseId: number, forUpdate = false): Promise<ExpenseDetail> {
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(expenseId)) throw new NotFoundError({ entity: 'Expense', id: String(expenseId) });
  const query = ctx
    .knex('expenses')
    .select(...EXPENSE_COLUMNS, ctx.knex.raw(`to_char(expense_date, 'YYYY-MM-DD') as expense_date`))
    .where({ shop_id: ctx.shopId, id: expenseId });
  if (forUpdate) void query.forUpdate();
  const row = (await query.first()) as ExpenseDetail | undefined;
  if (!row) throw new NotFoundError({ entity: 'Expense', id: String(expenseId) });
  return row;
}

async function shopCategories(
  ctx: ShopScope,
): Promise<{ categories: string[]; settings: Map<string, string> }> {
  const settings = await loadSettings(ctx.knex, ctx.shopId);
  return { categories: parseCategories(settings.get('expense.categories')), settings };
}

function requireCategory(categories: readonly string[], typed: string): string {
  const category = findCategory(categories, typed);
  if (!category)
    throw new InvalidFieldError({
      field: 'category',
      reason: `"${typed}" is not one of the shop's expense categories (${categories.join(', ')})`,
    });
  return category;
}

const toAmount = (value: unknown): number => Number(value ?? 0);

/** What a category has committed in a month: approved and pending expenses (not rejected ones). */
async function spentIn(ctx: ShopScope, category: string, month: string): Promise<number> {
  const { from, to } = monthRange(month);
  const row = (await ctx
    .knex('expenses')
    .where({ shop_id: ctx.shopId })
    .whereIn('status', ['Pending', 'Approved'])
    .andWhereRaw('lower(category) = lower(?)', [category])
    .andWhere('expense_date', '>=', from)
    .andWhere('expense_date', '<', to)
    .sum({ total: 'amount' })
    .first()) as { total: string | null };
  return toAmount(row.total);
}

/**
 * After an expense was recorded: a warning when its category is now over the month's budget, and a
 * notification to the Owners when this expense is the one that took it over (once per crossing).
 */
export async function checkBudgetAfterCreate(
  ctx: ShopScope,
  expense: { category: string; amount: number; expense_date: string },
): Promise<BudgetWarning | null> {
  const slug = categorySlug(expense.category);
  if (slug === null) return null;
  const [settings, { currency }] = await Promise.all([
    loadSettings(ctx.knex, ctx.shopId),
    loadShop(ctx.knex, ctx.shopId),
  ]);
  const budget = parseBudget(settings.get(budgetKey(slug)));
  if (budget === null) return null;
  const month = monthOf(expense.expense_date);
  const spent = await spentIn(ctx, expense.category, month);
  if (spent <= budget) return null;
  const money = (amount: number): string => formatMoney(amount, currency);
  const message = `${expense.category} is over its budget for ${month}: ${money(spent)} spent or pending against ${money(budget)} (over by ${money(spent - budget)}).`;
  if (crossesBudget(budget, spent - expense.amount, spent)) {
    notifyRoles(ctx, ['Owner'], {
      title: `${expense.category} over budget for ${month}`,
      message,
      type: 'budget_exceeded',
      link: `/expenses?category=${encodeURIComponent(expense.category)}&month=${month}`,
    });
  }
  return {
    code: 'OVER_BUDGET',
    category: expense.category,
    month,
    budget,
    spent,
    over_by: spent - budget,
    message,
  };
}

export async function createExpense(
  ctx: ActionContext,
  input: ExpenseInput,
): Promise<{ expense: ExpenseDetail; warning: BudgetWarning | null }> {
  requireRight(ctx, 'expenses', 'create');
  const { categories } = await shopCategories(ctx);
  const category = requireCategory(categories, input.category);
  if (input.receipt !== null) {
    const file = (await ctx
      .knex('directus_files')
      .select('id')
      .where({ id: input.receipt, shop: ctx.shopId })
      .first()) as { id: string } | undefined;
    if (!file) throw new InvalidFieldError({ field: 'receipt', reason: 'is not a file of your shop' });
  }
  // Expenses of one category and month are recorded one at a time, so that exactly one of them is
  // the one that crosses the budget.
  await ctx.knex.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [
    ctx.shopId,
    `expense-budget:${category.toLowerCase()}:${monthOf(input.expense_date)}`,
  ]);
  const [created] = (await ctx
    .knex('expenses')
    .insert({
      shop_id: ctx.shopId,
      ...input,
      category,
      status: 'Pending',
      created_by: ctx.userId,
    })
    .returning('id')) as [{ id: number }];
  const expense = await readExpense(ctx, created.id);
  audit(ctx, { entityType: 'expenses', entityId: expense.id, action: 'create', newValue: expense });
  const warning = await checkBudgetAfterCreate(ctx, expense);
  return { expense, warning };
}

/** A cash expense changes the expected cash of its day: not once that day's closure is approved. */
async function refuseClosedDay(ctx: ActionContext, expense: ExpenseDetail): Promise<void> {
  if (expense.payment_method !== 'Cash') return;
  const closure = (await ctx
    .knex('daily_closures')
    .select('status')
    .where({ shop_id: ctx.shopId, closure_date: expense.expense_date })
    .whereIn('status', ['Approved', 'Locked'])
    .first()) as { status: string } | undefined;
  if (closure)
    throw new ExpenseStateError({
      expense: expense.id,
      reason: `is paid in cash on ${expense.expense_date}, whose closure is ${closure.status}: approving it would change the cash of a closed day; date it on a day that is not closed`,
    });
}

async function decide(
  ctx: ActionContext,
  expenseId: number,
  to: 'Approved' | 'Rejected',
  reason: string | null,
): Promise<ExpenseDetail> {
  requireRight(ctx, 'expenses', 'approve');
  const before = await readExpense(ctx, expenseId, true);
  if (before.status !== 'Pending')
    throw new ExpenseStateError({
      expense: expenseId,
      reason: `is ${before.status}; only a Pending expense can be ${to.toLowerCase()}`,
    });
  if (to === 'Approved') await refuseClosedDay(ctx, before);
  await ctx.knex('expenses').where({ shop_id: ctx.shopId, id: expenseId }).update({
    status: to,
    approved_by: ctx.userId,
    approved_at: new Date(),
    rejection_reason: reason,
    updated_at: new Date(),
  });
  const after = await readExpense(ctx, expenseId);
  audit(ctx, {
    entityType: 'expenses',
    entityId: expenseId,
    action: to === 'Approved' ? 'approved' : 'rejected',
    oldValue: before,
    newValue: after,
  });
  if (before.created_by && before.created_by !== ctx.userId) {
    const { currency } = await loadShop(ctx.knex, ctx.shopId);
    const what = `${after.category}, ${formatMoney(after.amount, currency)} on ${after.expense_date}`;
    notifyUser(ctx, before.created_by, {
      title: `Expense ${to.toLowerCase()}`,
      message:
        reason === null
          ? `Your expense (${what}) was approved.`
          : `Your expense (${what}) was rejected: ${reason}.`,
      type: to === 'Approved' ? 'expense_approved' : 'expense_rejected',
      link: `/expenses/${expenseId}`,
    });
  }
  return after;
}

/** What an approval decided: a decided expense keeps these, so the decision stays about what it saw. */
export const DECIDED_FIELDS = ['amount', 'payment_method', 'expense_date', 'category'] as const;

/**
 * A change through /items (Studio, the generic API) to expenses that were approved or rejected: it
 * may not touch what the decision was about, and an approved one is not deleted (an approved cash
 * expense is in its day's expected cash). A Pending expense changes freely.
 */
export async function refuseDecidedChange(
  database: Knex,
  keys: readonly (string | number)[],
  change: { payload?: Record<string, unknown>; deleting?: boolean },
): Promise<void> {
  const touched = change.payload
    ? DECIDED_FIELDS.filter((field) => change.payload && field in change.payload)
    : [];
  if (!change.deleting && touched.length === 0) return;
  const decided = (await database('expenses')
    .select('id', 'status')
    .whereIn('id', keys)
    .whereIn('status', change.deleting ? ['Approved'] : ['Approved', 'Rejected'])
    .first()) as { id: number; status: string } | undefined;
  if (!decided) return;
  throw new ExpenseStateError({
    expense: decided.id,
    reason: change.deleting
      ? 'is Approved and cannot be deleted: it is in the accounts of its day'
      : `is ${decided.status}: its ${touched.join(', ')} cannot change after the decision; record a new expense instead`,
  });
}

export function approveExpense(ctx: ActionContext, expenseId: number): Promise<ExpenseDetail> {
  return decide(ctx, expenseId, 'Approved', null);
}

export function rejectExpense(ctx: ActionContext, expenseId: number, reason: string): Promise<ExpenseDetail> {
  return decide(ctx, expenseId, 'Rejected', reason);
}

export interface CategoryInfo {
  name: string;
  slug: string;
  budget: number | null;
}

export async function listCategories(ctx: ActionContext): Promise<CategoryInfo[]> {
  requireRight(ctx, 'expenses', 'read');
  const { categories, settings } = await shopCategories(ctx);
  return categories.map((name) => {
    const slug = categorySlug(name) ?? '';
    return { name, slug, budget: parseBudget(settings.get(budgetKey(slug))) };
  });
}

/** Sets (or with null removes) a category's monthly budget: a shop setting, so the Owner's. */
export async function setBudget(
  ctx: ActionContext,
  typed: string,
  amount: number | null,
): Promise<CategoryInfo> {
  requireRight(ctx, 'settings', 'update');
  const { categories, settings } = await shopCategories(ctx);
  const name = requireCategory(categories, typed);
  const slug = categorySlug(name) ?? '';
  const key = budgetKey(slug);
  const old = parseBudget(settings.get(key));
  if (amount === null) {
    await ctx.knex('settings').where({ shop_id: ctx.shopId, setting_key: key }).delete();
  } else {
    await ctx
      .knex('settings')
      .insert({ shop_id: ctx.shopId, setting_key: key, setting_value: String(amount) })
      .onConflict(['shop_id', 'setting_key'])
      .merge({ setting_value: String(amount), updated_at: new Date() });
  }
  audit(ctx, {
    entityType: 'settings',
    entityId: key,
    action: amount === null ? 'delete' : 'update',
    oldValue: { category: name, budget: old },
    newValue: { category: name, budget: amount },
  });
  return { name, slug, budget: amount };
}

export interface BudgetStatus {
  month: string;
  currency: string;
  categories: BudgetLine[];
  totals: { budget: number; approved: number; pending: number; spent: number; over_budget: boolean };
}

/** Spending per category in a month against its budget; categories spent on but not listed come last. */
export async function budgetStatus(ctx: ActionContext, month: string | undefined): Promise<BudgetStatus> {
  requireRight(ctx, 'expenses', 'read');
  const { currency, timezone } = await loadShop(ctx.knex, ctx.shopId);
  const chosen = month ?? monthOf(localDate(timezone));
  const { from, to } = monthRange(chosen);
  const { categories, settings } = await shopCategories(ctx);
  const rows = (await ctx
    .knex('expenses')
    .select(
      ctx.knex.raw('min(category) as category'),
      ctx.knex.raw(`coalesce(sum(amount) FILTER (WHERE status = 'Approved'), 0) as approved`),
      ctx.knex.raw(`coalesce(sum(amount) FILTER (WHERE status = 'Pending'), 0) as pending`),
    )
    .where({ shop_id: ctx.shopId })
    .andWhere('expense_date', '>=', from)
    .andWhere('expense_date', '<', to)
    .groupByRaw('lower(category)')) as { category: string; approved: string; pending: string }[];
  const byName = new Map(rows.map((r) => [r.category.toLowerCase(), r]));
  const names = [
    ...categories,
    ...rows.map((r) => r.category).filter((c) => findCategory(categories, c) === undefined),
  ];
  const lines = names.map((name) => {
    const slug = categorySlug(name) ?? '';
    const row = byName.get(name.toLowerCase());
    return budgetLine(
      name,
      slug,
      parseBudget(settings.get(budgetKey(slug))),
      toAmount(row?.approved),
      toAmount(row?.pending),
    );
  });
  const sum = (pick: (l: BudgetLine) => number): number => lines.reduce((t, l) => t + pick(l), 0);
  return {
    month: chosen,
    currency,
    categories: lines,
    totals: {
      budget: sum((l) => l.budget ?? 0),
      approved: sum((l) => l.approved),
      pending: sum((l) => l.pending),
      spent: sum((l) => l.spent),
      over_budget: lines.some((l) => l.over_budget),
    },
  };
}
