// Expenses written through /items (Studio, the generic API): a decided expense keeps what was
// decided, and a create gets the same over-budget alert as POST /api/expenses: when one takes its
// category over the month's budget, the Owners hear of it.
// (POST /api/expenses writes with its own transaction and emits no Directus event: no double alert.)
import { defineHook } from '@directus/extensions-sdk';
import type { Knex } from 'knex';
import { checkBudgetAfterCreate, refuseDecidedChange } from '../../services/expenses/expenses.service.ts';
import { Journal } from '../../services/journal.ts';

interface CreatedExpense {
  shop_id: number;
  category: string;
  amount: number;
  expense_date: string;
}

async function alertOverBudget(database: Knex, expenseId: number): Promise<void> {
  const expense = (await database('expenses')
    .select(
      'shop_id',
      'category',
      'amount',
      database.raw(`to_char(expense_date, 'YYYY-MM-DD') as expense_date`),
    )
    .where({ id: expenseId })
    .first()) as CreatedExpense | undefined;
  if (!expense) return;
  const journal = new Journal();
  await checkBudgetAfterCreate({ knex: database, shopId: expense.shop_id, journal }, expense);
  await journal.flush(database);
}

export default defineHook(({ action, filter }, { logger }) => {
  // A decided expense keeps what was decided (services/expenses/expenses.service.ts), for everyone
  // who writes through /items; the /api decisions themselves do not go through these hooks.
  filter('expenses.items.update', async (payload, meta, context) => {
    if (context.accountability?.admin) return payload;
    await refuseDecidedChange(context.database, (meta['keys'] ?? []) as (string | number)[], {
      payload: payload as Record<string, unknown>,
    });
    return payload;
  });
  filter('expenses.items.delete', async (keys, _meta, context) => {
    if (context.accountability?.admin) return keys;
    await refuseDecidedChange(context.database, keys as (string | number)[], { deleting: true });
    return keys;
  });

  action('expenses.items.create', (meta, context) => {
    // The expense is recorded; a failed alert must not look like a failed create.
    alertOverBudget(context.database, Number(meta['key'])).catch((error: unknown) => {
      logger.error(error, 'expense budget check failed');
    });
  });
});
