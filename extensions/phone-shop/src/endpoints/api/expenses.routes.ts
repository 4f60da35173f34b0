// /api/expenses: the business actions around expenses (plain CRUD is /items/expenses): a create that
// warns when a category goes over its monthly budget, approval and rejection, categories, budgets and
// spending against them. Each route parses and validates its input, then delegates to the service.
import type { Router } from 'express';
import { z } from 'zod';
import { PAYMENT_METHODS } from '../../../../../snapshots/enums.ts';
import {
  approveExpense,
  budgetStatus,
  createExpense,
  listCategories,
  rejectExpense,
  setBudget,
} from '../../services/expenses/expenses.service.ts';
import { envelope, sendOk } from './envelope.ts';
import { route, runAction, runRead, type Edge } from './http.ts';
import { money, pathId } from './schemas.ts';

export const createSchema = z.strictObject({
  category: z.string().trim().min(1, 'choose a category').max(100),
  description: z.string().trim().min(1, 'describe the expense').max(2000),
  amount: money.refine((a) => a > 0, 'must be more than 0'),
  payment_method: z.enum(PAYMENT_METHODS),
  expense_date: z.iso.date('must be a date (YYYY-MM-DD)'),
  receipt: z.uuid('must be the id of an uploaded file').nullable().default(null),
  receipt_url: z.url().max(500).nullable().default(null),
});

export const budgetSchema = z.strictObject({
  category: z.string().trim().min(1, 'choose a category').max(100),
  amount: money.nullable(),
});

const monthSchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month (YYYY-MM)')
    .optional(),
});
const reasonSchema = z.object({ reason: z.string().trim().min(3, 'give a reason').max(1000) });

export function registerExpenses(router: Router, edge: Edge): void {
  router.get(
    '/expenses/categories',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => listCategories(ctx)));
    }),
  );

  router.get(
    '/expenses/budget-status',
    route(edge, async (req, res) => {
      const { month } = monthSchema.parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => budgetStatus(ctx, month)));
    }),
  );

  router.put(
    '/expenses/budgets',
    route(edge, async (req, res) => {
      const input = budgetSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => setBudget(ctx, input.category, input.amount)),
        input.amount === null ? 'Budget removed' : 'Budget set',
      );
    }),
  );

  router.post(
    '/expenses',
    route(edge, async (req, res) => {
      const input = createSchema.parse(req.body);
      const { expense, warning } = await runAction(edge, req, (ctx) => createExpense(ctx, input));
      res.status(201).json({
        ...envelope(expense, warning ? `Expense recorded. Warning: ${warning.message}` : 'Expense recorded'),
        warnings: warning ? [warning] : [],
      });
    }),
  );

  router.post(
    '/expenses/:id/approve',
    route(edge, async (req, res) => {
      const expenseId = pathId.parse(req.params['id']);
      sendOk(res, await runAction(edge, req, (ctx) => approveExpense(ctx, expenseId)), 'Expense approved');
    }),
  );

  router.post(
    '/expenses/:id/reject',
    route(edge, async (req, res) => {
      const expenseId = pathId.parse(req.params['id']);
      const { reason } = reasonSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => rejectExpense(ctx, expenseId, reason)),
        'Expense rejected',
      );
    }),
  );
}
