// Expenses beyond plain CRUD, through the real /api: the Owner approves or rejects (only from Pending;
// Supervisors submit, Staff do nothing: the matrix), the shop's categories, monthly budgets per
// category with an over-budget warning and one alert to the Owner per crossing (also for expenses
// created through /items), spending against budgets, receipts uploaded by a Supervisor, and no cash
// expense approved into a day whose closure is approved. Every refusal names the rule or field and
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  as,
  baseUrl,
  closeDb,
  db,
  type Session,
  shopIds,
  userIds,
} from '../support/context.ts';

afterAll(closeDb);

interface Envelope<T = Record<string, unknown>> {
  success: boolean;
  data: T;
  message: string;
  warnings?: Warning[];
  error?: { code: string; message: string; details?: Record<string, string[]> };
}

interface Warning {
  code: string;
  category: string;
  month: string;
  budget: number;
  spent: number;
  over_by: number;
  message: string;
}

interface Expense {
  id: number;
  category: string;
  amount: number;
  payment_method: string;
  expense_date: string;
  status: string;
  receipt: string | null;
  rejection_reason: string | null;
  created_by: string;
  approved_by: string | null;
  approved_at: string | null;
}

interface BudgetLine {
  category: string;
  slug: string;
  budget: number | null;
  approved: number;
  pending: number;
  spent: number;
  remaining: number | null;
  over_budget: boolean;
}

let shops: { kampala: number; entebbe: number };
let users: Record<Account, string>;

beforeAll(async () => {
  shops = await shopIds();
  users = await userIds();
});

const userId = (account: Account): string => users[account];

function expenseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'Transport',
    description: 'Boda boda to the supplier',
    amount: 8_000,
    payment_method: 'Cash',
    expense_date: '2025-05-06',
    ...overrides,
  };
}

async function create(
  account: Account,
  overrides: Record<string, unknown> = {},
): Promise<{ status: number; body: Envelope<Expense> }> {
  return (await as(account)).request<Envelope<Expense>>('POST', '/api/expenses', expenseBody(overrides));
}

async function created(
  account: Account,
  overrides: Record<string, unknown> = {},
): Promise<Envelope<Expense>> {
  const response = await create(account, overrides);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** The stored expense and its audit trail: what a refusal must leave as it was. */
async function stateOf(expenseId: number): Promise<{ row: unknown; trail: string }> {
  const row: unknown = await db()('expenses').where({ id: expenseId }).first();
  const trail = (await db()('audit_logs')
    .where({ entity_type: 'expenses', entity_id: String(expenseId) })
    .count({ n: '*' })
    .first()) as { n: string };
  return { row, trail: trail.n };
}

async function countExpenses(): Promise<string> {
  const row = (await db()('expenses').where({ shop_id: shops.kampala }).count({ n: '*' }).first()) as {
    n: string;
  };
  return row.n;
}

async function budgetAlerts(category: string, month: string): Promise<{ user_id: string }[]> {
  return (await db()('notifications')
    .where({ shop_id: shops.kampala, type: 'budget_exceeded' })
    .andWhere('title', `${category} over budget for ${month}`)) as { user_id: string }[];
}

async function upload(session: Session, name: string): Promise<{ status: number; id: string }> {
  const form = new FormData();
  form.append('file', new Blob(['%PDF-1.4 receipt'], { type: 'application/pdf' }), name);
  const response = await fetch(`${baseUrl()}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}` },
    body: form,
  });
  const body = (await response.json()) as { data?: { id: string } };
  return { status: response.status, id: body.data?.id ?? '' };
}

describe('recording expenses', () => {
  it('a Supervisor records an expense: Pending, authored, audited; Staff may not (matrix: expenses [])', async () => {
    const before = await countExpenses();
    const refused = await create('kampalaStaff');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'A Staff may not create expenses.',
    });
    expect(await countExpenses()).toBe(before);

    const { data: expense, warnings } = await created('kampalaSupervisor', { category: 'transport' });

    expect(expense).toMatchObject({
      category: 'Transport',
      amount: 8_000,
      expense_date: '2025-05-06',
      status: 'Pending',
      created_by: userId('kampalaSupervisor'),
      approved_by: null,
    });
    expect(warnings).toEqual([]);
    expect(
      await db()('audit_logs').where({
        entity_type: 'expenses',
        entity_id: String(expense.id),
        action: 'create',
      }),
    ).toHaveLength(1);
  });

  it('refuses a category the shop does not list, or a status chosen by the client, and writes nothing', async () => {
    const before = await countExpenses();

    const unknown = await create('kampalaOwner', { category: 'Bribes' });
    const withStatus = await create('kampalaOwner', { status: 'Approved' });

    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error?.details ?? {})).toEqual(['category']);
    expect(unknown.body.error?.message).toContain('Rent, Utilities, Transport');
    expect(withStatus.status).toBe(400);
    expect(withStatus.body.error?.message).toMatch(/status/);
    expect(await countExpenses()).toBe(before);
  });

  it('a Supervisor uploads a receipt (a file of the shop) and attaches it to its expense', async () => {
    const supervisor = await as('kampalaSupervisor');
    const file = await upload(supervisor, 'fuel-receipt.pdf');
    expect(file.status).toBe(200);
    const stored = (await db()('directus_files').where({ id: file.id }).first()) as { shop: number };
    expect(stored.shop).toBe(shops.kampala);

    const { data: expense } = await created('kampalaSupervisor', {
      receipt: file.id,
      description: 'Fuel for the generator',
    });

    expect(expense.receipt).toBe(file.id);
    const read = await supervisor.request<{ data: { receipt: { id: string; filename_download: string } } }>(
      'GET',
      `/items/expenses/${expense.id}?fields=receipt.id,receipt.filename_download`,
    );
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.data.receipt).toEqual({ id: file.id, filename_download: 'fuel-receipt.pdf' });
  });

  it('refuses a receipt that is another shop’s file, naming receipt, and writes nothing', async () => {
    const entebbeFile = await upload(await as('entebbeOwner'), 'entebbe.pdf');
    expect(entebbeFile.status).toBe(200);
    const before = await countExpenses();

    const response = await create('kampalaSupervisor', { receipt: entebbeFile.id });

    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error?.details ?? {})).toEqual(['receipt']);
    expect(await countExpenses()).toBe(before);
  });
});

describe('approval', () => {
  it('the Owner approves a Pending expense; the author hears of it; a second decision is refused', async () => {
    const { data: expense } = await created('kampalaSupervisor', { amount: 12_000 });
    const owner = await as('kampalaOwner');

    const approved = await owner.request<Envelope<Expense>>('POST', `/api/expenses/${expense.id}/approve`);
    const after = await stateOf(expense.id);
    const again = await owner.request<Envelope>('POST', `/api/expenses/${expense.id}/approve`);
    const reject = await owner.request<Envelope>('POST', `/api/expenses/${expense.id}/reject`, {
      reason: 'Too late',
    });

    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'Approved', approved_by: userId('kampalaOwner') });
    expect(approved.body.data.approved_at).not.toBeNull();
    const [entry] = (await db()('audit_logs').where({
      entity_type: 'expenses',
      entity_id: String(expense.id),
      action: 'approved',
    })) as { old_value: { status: string }; new_value: { status: string } }[];
    expect(entry?.old_value.status).toBe('Pending');
    expect(entry?.new_value.status).toBe('Approved');
    expect(
      await db()('notifications').where({
        user_id: userId('kampalaSupervisor'),
        type: 'expense_approved',
        link: `/expenses/${expense.id}`,
      }),
    ).toHaveLength(1);
    for (const answer of [again, reject]) {
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe('EXPENSE_STATE');
      expect(answer.body.error?.message).toMatch(/is Approved; only a Pending expense can be/);
    }
    expect(await stateOf(expense.id)).toEqual(after);
  });

  it('a decided expense keeps its amount, method, date and category on /items; an approved one is not deleted', async () => {
    const owner = await as('kampalaOwner');
    const { data: approved } = await created('kampalaSupervisor', { amount: 7_000 });
    expect((await owner.request('POST', `/api/expenses/${approved.id}/approve`)).status).toBe(200);
    const before = await stateOf(approved.id);
    for (const change of [{ amount: 70_000 }, { payment_method: 'Card' }, { expense_date: '2020-01-01' }]) {
      const refused = await owner.request<Envelope>('PATCH', `/items/expenses/${approved.id}`, change);
      expect(refused.status, JSON.stringify(refused.body)).toBe(409);
      expect(JSON.stringify(refused.body)).toMatch(/EXPENSE_STATE/);
    }
    const deleted = await owner.request<Envelope>('DELETE', `/items/expenses/${approved.id}`);
    expect(deleted.status).toBe(409);
    expect(await stateOf(approved.id)).toEqual(before);
    const described = await owner.request('PATCH', `/items/expenses/${approved.id}`, {
      description: 'Airtime for the shop phone, December',
    });
    expect(described.status).toBe(200);

    const { data: rejected } = await created('kampalaSupervisor', { amount: 2_000 });
    expect(
      (await owner.request('POST', `/api/expenses/${rejected.id}/reject`, { reason: 'Not ours' })).status,
    ).toBe(200);
    expect((await owner.request('PATCH', `/items/expenses/${rejected.id}`, { amount: 1 })).status).toBe(409);
    expect((await owner.request('DELETE', `/items/expenses/${rejected.id}`)).status).toBe(204);

    const { data: pending } = await created('kampalaSupervisor', { amount: 4_000 });
    expect((await owner.request('PATCH', `/items/expenses/${pending.id}`, { amount: 4_500 })).status).toBe(
      200,
    );
  });

  it('the Owner rejects with a reason, which is kept; without a reason the rejection is refused', async () => {
    const { data: expense } = await created('kampalaSupervisor', { amount: 3_000 });
    const owner = await as('kampalaOwner');
    const before = await stateOf(expense.id);

    const noReason = await owner.request<Envelope>('POST', `/api/expenses/${expense.id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.error?.details ?? {})).toEqual(['reason']);
    expect(await stateOf(expense.id)).toEqual(before);

    const rejected = await owner.request<Envelope<Expense>>('POST', `/api/expenses/${expense.id}/reject`, {
      reason: 'No receipt',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.data).toMatchObject({ status: 'Rejected', rejection_reason: 'No receipt' });
    expect(
      await db()('audit_logs').where({
        entity_type: 'expenses',
        entity_id: String(expense.id),
        action: 'rejected',
      }),
    ).toHaveLength(1);
  });

  it('refuses approval and rejection to Supervisors and Staff (Owner only), and changes nothing', async () => {
    const { data: expense } = await created('kampalaSupervisor', { amount: 4_000 });
    const before = await stateOf(expense.id);

    const answers = [
      await (await as('kampalaSupervisor')).request<Envelope>('POST', `/api/expenses/${expense.id}/approve`),
      await (
        await as('kampalaSupervisor')
      ).request<Envelope>('POST', `/api/expenses/${expense.id}/reject`, {
        reason: 'Not needed',
      }),
      await (await as('kampalaStaff')).request<Envelope>('POST', `/api/expenses/${expense.id}/approve`),
    ];

    expect(answers.map((a) => [a.status, a.body.error?.message])).toEqual([
      [403, 'A Supervisor may not approve expenses.'],
      [403, 'A Supervisor may not approve expenses.'],
      [403, 'A Staff may not approve expenses.'],
    ]);
    expect(await stateOf(expense.id)).toEqual(before);
    expect(
      (await (await as('entebbeOwner')).request('POST', `/api/expenses/${expense.id}/approve`)).status,
    ).toBe(404);
    expect(await stateOf(expense.id)).toEqual(before);
  });

  it('refuses to approve a cash expense into a day whose closure is approved, and changes nothing', async () => {
    const owner = await as('kampalaOwner');
    const closure = await owner.request<Envelope<{ id: number }>>('POST', '/api/closures', {
      closure_date: '2025-05-20',
    });
    expect(closure.status, JSON.stringify(closure.body)).toBe(201);
    expect((await owner.request('POST', `/api/closures/${closure.body.data.id}/approve`)).status).toBe(200);
    const { data: cash } = await created('kampalaSupervisor', { expense_date: '2025-05-20', amount: 2_000 });
    const { data: mobile } = await created('kampalaSupervisor', {
      expense_date: '2025-05-20',
      amount: 2_000,
      payment_method: 'MTN Mobile Money',
    });
    const before = await stateOf(cash.id);

    const refused = await owner.request<Envelope>('POST', `/api/expenses/${cash.id}/approve`);
    const allowed = await owner.request<Envelope>('POST', `/api/expenses/${mobile.id}/approve`);

    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('EXPENSE_STATE');
    expect(refused.body.error?.message).toMatch(/2025-05-20, whose closure is Approved/);
    expect(await stateOf(cash.id)).toEqual(before);
    expect(allowed.status).toBe(200);
  });
});

describe('categories and budgets', () => {
  it('lists the default categories to Owners and Supervisors, not to Staff', async () => {
    const list = await (
      await as('kampalaSupervisor')
    ).request<Envelope<{ name: string; slug: string }[]>>('GET', '/api/expenses/categories');
    const staff = await (await as('kampalaStaff')).request<Envelope>('GET', '/api/expenses/categories');

    expect(list.status).toBe(200);
    expect(list.body.data.map((c) => c.name)).toEqual([
      'Rent',
      'Utilities',
      'Transport',
      'Salaries',
      'Stock purchase',
      'Repairs parts',
      'Marketing',
      'Other',
    ]);
    expect(list.body.data.find((c) => c.name === 'Stock purchase')?.slug).toBe('stock_purchase');
    expect(staff.status).toBe(403);
  });

  it('reads the shop’s own list from the setting expense.categories', async () => {
    await db()('settings').insert({
      shop_id: shops.entebbe,
      setting_key: 'expense.categories',
      setting_value: 'Rent, Airtime, Fuel',
    });
    const list = await (
      await as('entebbeOwner')
    ).request<Envelope<{ name: string }[]>>('GET', '/api/expenses/categories');
    expect(list.body.data.map((c) => c.name)).toEqual(['Rent', 'Airtime', 'Fuel']);
  });

  it('only the Owner sets budgets; a refusal names the right and changes nothing', async () => {
    const before = await db()('settings').where({ shop_id: shops.kampala }).orderBy('id');

    const bySupervisor = await (
      await as('kampalaSupervisor')
    ).request<Envelope>('PUT', '/api/expenses/budgets', {
      category: 'Marketing',
      amount: 1,
    });
    const unknown = await (
      await as('kampalaOwner')
    ).request<Envelope>('PUT', '/api/expenses/budgets', {
      category: 'Bribes',
      amount: 1,
    });

    expect(bySupervisor.status).toBe(403);
    expect(bySupervisor.body.error?.message).toBe('A Supervisor may not update settings.');
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error?.details ?? {})).toEqual(['category']);
    expect(await db()('settings').where({ shop_id: shops.kampala }).orderBy('id')).toEqual(before);
  });

  it('warns when an expense takes its category over the month’s budget, and alerts the Owner once per crossing', async () => {
    // Setup: a Marketing budget of 100,000 a month.
    const owner = await as('kampalaOwner');
    const set = await owner.request<Envelope<{ name: string; budget: number }>>(
      'PUT',
      '/api/expenses/budgets',
      {
        category: 'marketing',
        amount: 100_000,
      },
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.data).toMatchObject({ name: 'Marketing', budget: 100_000 });
    expect(
      await db()('settings').where({ shop_id: shops.kampala, setting_key: 'budget.marketing' }).first(),
    ).toMatchObject({
      setting_value: '100000',
    });
    const month = { category: 'Marketing', payment_method: 'MTN Mobile Money' };

    // Action: 60,000 + 30,000 stay within; 20,000 crosses; 5,000 more is still over.
    const first = await created('kampalaSupervisor', {
      ...month,
      amount: 60_000,
      expense_date: '2025-07-02',
    });
    const second = await created('kampalaSupervisor', {
      ...month,
      amount: 30_000,
      expense_date: '2025-07-09',
    });
    const alertsBefore = await budgetAlerts('Marketing', '2025-07');
    const crossing = await created('kampalaSupervisor', {
      ...month,
      amount: 20_000,
      expense_date: '2025-07-15',
    });
    const beyond = await created('kampalaSupervisor', {
      ...month,
      amount: 5_000,
      expense_date: '2025-07-30',
    });
    const nextMonth = await created('kampalaSupervisor', {
      ...month,
      amount: 5_000,
      expense_date: '2025-08-01',
    });

    // Assert
    expect(first.warnings).toEqual([]);
    expect(second.warnings).toEqual([]);
    expect(alertsBefore).toEqual([]);
    expect(crossing.warnings).toEqual([
      expect.objectContaining({
        code: 'OVER_BUDGET',
        category: 'Marketing',
        month: '2025-07',
        budget: 100_000,
        spent: 110_000,
        over_by: 10_000,
      }),
    ]);
    expect(crossing.message).toContain('Warning: Marketing is over its budget for 2025-07');
    expect(crossing.data.status).toBe('Pending');
    expect(beyond.warnings?.[0]).toMatchObject({ spent: 115_000, over_by: 15_000 });
    expect(nextMonth.warnings).toEqual([]);
    expect((await budgetAlerts('Marketing', '2025-07')).map((a) => a.user_id)).toEqual([
      userId('kampalaOwner'),
    ]);

    const status = await owner.request<Envelope<{ month: string; categories: BudgetLine[] }>>(
      'GET',
      '/api/expenses/budget-status?month=2025-07',
    );
    expect(status.status).toBe(200);
    expect(status.body.data.categories.find((c) => c.category === 'Marketing')).toEqual({
      category: 'Marketing',
      slug: 'marketing',
      budget: 100_000,
      approved: 0,
      pending: 115_000,
      spent: 115_000,
      remaining: -15_000,
      over_budget: true,
    });

    // A rejection takes the spending back under the budget.
    await owner.request('POST', `/api/expenses/${crossing.data.id}/reject`, { reason: 'Not this month' });
    await owner.request('POST', `/api/expenses/${first.data.id}/approve`);
    const after = await (
      await as('kampalaSupervisor')
    ).request<Envelope<{ categories: BudgetLine[] }>>('GET', '/api/expenses/budget-status?month=2025-07');
    expect(after.body.data.categories.find((c) => c.category === 'Marketing')).toMatchObject({
      approved: 60_000,
      pending: 35_000,
      spent: 95_000,
      remaining: 5_000,
      over_budget: false,
    });
    expect(
      (await (await as('kampalaStaff')).request('GET', '/api/expenses/budget-status?month=2025-07')).status,
    ).toBe(403);
  });

  it('alerts the Owner too when the crossing expense is created through /items', async () => {
    await (
      await as('kampalaOwner')
    ).request('PUT', '/api/expenses/budgets', { category: 'Utilities', amount: 50_000 });

    const response = await (
      await as('kampalaSupervisor')
    ).request<{ data: { id: number } }>('POST', '/items/expenses', {
      category: 'Utilities',
      description: 'Generator fuel',
      amount: 70_000,
      payment_method: 'Cash',
      expense_date: '2025-09-03',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);

    // The alert is a Directus action hook: it runs just after the answer.
    let alerts: { user_id: string }[] = [];
    for (let i = 0; i < 40 && alerts.length === 0; i++) {
      alerts = await budgetAlerts('Utilities', '2025-09');
      if (alerts.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(alerts.map((a) => a.user_id)).toEqual([userId('kampalaOwner')]);
  });

  it('refuses a month that is not YYYY-MM, naming month', async () => {
    const response = await (
      await as('kampalaOwner')
    ).request<Envelope>('GET', '/api/expenses/budget-status?month=2025-13');
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error?.details ?? {})).toEqual(['month']);
  });
});
