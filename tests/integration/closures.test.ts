// The spec's tests/test_closures.py through the real /api, plus what the closure promises: expected
// amounts per method from the day's sales, reversals, repairs and cash expenses in the shop's
// timezone; one closure per day, also under concurrency; Supervisors review and Owners approve, reject
// and lock (the matrix); no correction after approval; Staff see only their own closures; the Owner
// hears of a large variance; every step is audited. Every refusal names the rule or field and changes
// nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, as, closeDb, db, type Session, shopIds, userIds } from '../support/context.ts';
import { insertRow } from '../support/fixtures.ts';

afterAll(closeDb);

interface Envelope<T = Record<string, unknown>> {
  success: boolean;
  data: T;
  message: string;
  error?: { code: string; message: string; details?: Record<string, string[]> };
}

interface MethodFigures {
  method: string;
  counted_field: string;
  expected: number;
  counted: number;
  variance: number;
}

interface Closure {
  id: number;
  closure_date: string;
  status: string;
  cash_amount: number;
  mtn_amount: number;
  total_collected: number;
  expected_amount: number;
  variance: number;
  expected_cash: number;
  cash_expenses: number;
  submitted_by: string;
  reviewed_by: string | null;
  approved_by: string | null;
  locked_by: string | null;
  rejection_reason: string | null;
  methods: MethodFigures[];
  large_variance: boolean;
  allowed: { steps: string[]; edit: boolean };
}

interface Preview {
  closure_date: string;
  timezone: string;
  methods: { method: string; sales: number; repairs: number; expenses: number; expected: number }[];
  sales_total: number;
  repairs_total: number;
  cash_expenses: number;
  expected_amount: number;
  closure: { id: number; status: string } | null;
}

let shops: { kampala: number; entebbe: number };
let users: Record<Account, string>;

beforeAll(async () => {
  shops = await shopIds();
  users = await userIds();
});

const userId = (account: Account): string => users[account];

async function product(price: number): Promise<number> {
  const [row] = (await db()('products')
    .insert({
      shop_id: shops.kampala,
      name: `Closure test item ${randomUUID().slice(0, 8)}`,
      category: 'Accessories',
      selling_price: price,
      cost_price: Math.floor(price / 2),
      stock_quantity: 100,
      min_stock_level: 0,
    })
    .returning('id')) as [{ id: number }];
  return row.id;
}

/** A sale through the checkout, then moved to an instant (UTC) of the day under test. */
async function saleAt(
  at: string,
  payments: { method: string; amount: number }[],
  session?: Session,
): Promise<number> {
  const price = payments.reduce((t, p) => t + p.amount, 0);
  const seller = session ?? (await as('kampalaStaff'));
  const response = await seller.request<Envelope<{ id: number }>>('POST', '/api/sales', {
    items: [{ product_id: await product(price), quantity: 1 }],
    payments,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  await moveSale(response.body.data.id, at);
  return response.body.data.id;
}

async function moveSale(saleId: number, at: string): Promise<void> {
  await db()('sales').where({ id: saleId }).update({ created_at: at });
  await db()('sale_payments').where({ sale_id: saleId }).update({ created_at: at });
}

async function repairPaymentAt(at: string, method: string, amount: number): Promise<void> {
  const repairId = await insertRow('repairs', shops.kampala, userId('kampalaStaff'));
  await db()('repair_payments').insert({
    shop_id: shops.kampala,
    repair_id: repairId,
    method,
    amount,
    created_by: userId('kampalaStaff'),
    created_at: at,
  });
}

async function expenseOn(
  date: string,
  amount: number,
  paymentMethod: string,
  status: 'Pending' | 'Approved' | 'Rejected',
): Promise<number> {
  const [row] = (await db()('expenses')
    .insert({
      shop_id: shops.kampala,
      category: 'Transport',
      description: 'Closure test expense',
      amount,
      payment_method: paymentMethod,
      expense_date: date,
      status,
      rejection_reason: status === 'Rejected' ? 'test' : null,
      created_by: userId('kampalaOwner'),
    })
    .returning('id')) as [{ id: number }];
  return row.id;
}

const counted = (amounts: Record<string, number>, notes?: string): Record<string, unknown> => ({
  cash_amount: 0,
  mtn_amount: 0,
  airtel_amount: 0,
  card_amount: 0,
  bank_transfer: 0,
  other_amount: 0,
  ...amounts,
  ...(notes ? { notes } : {}),
});

async function submit(
  account: Account,
  date: string,
  amounts: Record<string, number> = {},
): Promise<{ status: number; body: Envelope<Closure> }> {
  return (await as(account)).request<Envelope<Closure>>('POST', '/api/closures', {
    closure_date: date,
    ...counted(amounts),
  });
}

async function submitted(
  account: Account,
  date: string,
  amounts: Record<string, number> = {},
): Promise<Closure> {
  const response = await submit(account, date, amounts);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

async function preview(date: string, account: Account = 'kampalaOwner'): Promise<Preview> {
  const response = await (
    await as(account)
  ).request<Envelope<Preview>>('GET', `/api/closures/preview?date=${date}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data;
}

const expectedOf = (p: Preview, method: string): number =>
  p.methods.find((m) => m.method === method)?.expected ?? NaN;

/** The stored closure and its audit trail: what a refusal must leave as it was. */
async function stateOf(
  closureId: number,
): Promise<{ row: unknown; trail: string; outbox: string; notes: string }> {
  const row: unknown = await db()('daily_closures').where({ id: closureId }).first();
  const trail = (await db()('audit_logs')
    .where({ entity_type: 'daily_closures', entity_id: String(closureId) })
    .count({ n: '*' })
    .first()) as { n: string };
  const outbox = (await db()('outbox_events')
    .where({ event_type: 'closure.submitted' })
    .whereRaw("payload->'data'->>'closure_id' = ?", [String(closureId)])
    .count({ n: '*' })
    .first()) as { n: string };
  const notes = (await db()('notifications')
    .where({ link: `/closures/${closureId}` })
    .count({ n: '*' })
    .first()) as { n: string };
  return { row, trail: trail.n, outbox: outbox.n, notes: notes.n };
}

async function auditEntries(
  closureId: number,
): Promise<{ action: string; old_value: unknown; new_value: unknown }[]> {
  return (await db()('audit_logs')
    .where({ entity_type: 'daily_closures', entity_id: String(closureId) })
    .orderBy('id')
    .select('action', 'old_value', 'new_value')) as {
    action: string;
    old_value: unknown;
    new_value: unknown;
  }[];
}

describe('expected amounts of a day', () => {
  it('test_variance_calculation: per method from sales (split too), repairs and approved cash expenses', async () => {
    // Setup: 4 February 2025 in Kampala (UTC+3), mixed methods.
    await saleAt('2025-02-04T07:00:00Z', [
      { method: 'Cash', amount: 30_000 },
      { method: 'MTN Mobile Money', amount: 70_000 },
    ]);
    await saleAt('2025-02-04T10:00:00Z', [{ method: 'Card', amount: 50_000 }]);
    await saleAt('2025-02-04T12:00:00Z', [{ method: 'Airtel Money', amount: 20_000 }]);
    await repairPaymentAt('2025-02-04T13:00:00Z', 'Cash', 15_000);
    await repairPaymentAt('2025-02-04T14:00:00Z', 'Bank Transfer', 40_000);
    await expenseOn('2025-02-04', 5_000, 'Cash', 'Approved');

    // Action: the preview, then a submission that is 2,000 short in cash.
    const day = await preview('2025-02-04');
    const response = await submit('kampalaStaff', '2025-02-04', {
      cash_amount: 38_000,
      mtn_amount: 70_000,
      airtel_amount: 20_000,
      card_amount: 50_000,
      bank_transfer: 40_000,
    });

    // Assert
    expect(day).toMatchObject({
      timezone: 'Africa/Kampala',
      sales_total: 170_000,
      repairs_total: 55_000,
      cash_expenses: 5_000,
      expected_amount: 220_000,
      closure: null,
    });
    expect(day.methods.find((m) => m.method === 'Cash')).toEqual({
      method: 'Cash',
      sales: 30_000,
      repairs: 15_000,
      expenses: 5_000,
      expected: 40_000,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const closure = response.body.data;
    expect(closure).toMatchObject({
      closure_date: '2025-02-04',
      status: 'Submitted',
      expected_amount: 220_000,
      total_collected: 218_000,
      variance: -2_000,
      cash_expenses: 5_000,
      large_variance: false,
    });
    expect(closure.methods.map((m) => [m.method, m.expected, m.counted, m.variance])).toEqual([
      ['Cash', 40_000, 38_000, -2_000],
      ['MTN Mobile Money', 70_000, 70_000, 0],
      ['Airtel Money', 20_000, 20_000, 0],
      ['Card', 50_000, 50_000, 0],
      ['Bank Transfer', 40_000, 40_000, 0],
      ['Other', 0, 0, 0],
    ]);
    const row = (await db()('daily_closures').where({ id: closure.id }).first()) as Record<string, number>;
    expect(row).toMatchObject({
      expected_cash: 40_000,
      expected_mtn: 70_000,
      expected_airtel: 20_000,
      expected_card: 50_000,
      expected_bank_transfer: 40_000,
      expected_other: 0,
      expected_amount: 220_000,
      total_collected: 218_000,
      variance: -2_000,
    });
  });

  it('puts a sale made at 23:30 Kampala time in that day, and one at 00:30 in the next (shop timezone)', async () => {
    // 23:30 in Kampala on 14 March 2025 is 20:30 UTC; 00:30 on the 15th is 21:30 UTC on the 14th.
    await saleAt('2025-03-14T20:30:00Z', [{ method: 'Other', amount: 11_000 }]);
    await saleAt('2025-03-14T21:30:00Z', [{ method: 'Other', amount: 7_000 }]);

    const fourteenth = await preview('2025-03-14');
    const fifteenth = await preview('2025-03-15');

    expect(expectedOf(fourteenth, 'Other')).toBe(11_000);
    expect(expectedOf(fifteenth, 'Other')).toBe(7_000);
  });

  it('counts a reversal on the day it was made, with negative payments', async () => {
    const owner = await as('kampalaOwner');
    const saleId = await saleAt('2025-02-05T09:00:00Z', [{ method: 'MTN Mobile Money', amount: 90_000 }]);
    const reversal = await owner.request<Envelope<{ id: number }>>('POST', `/api/sales/${saleId}/reverse`, {
      reason: 'Customer returned the phone',
    });
    expect(reversal.status, JSON.stringify(reversal.body)).toBe(201);
    await moveSale(reversal.body.data.id, '2025-02-06T08:00:00Z');

    expect(expectedOf(await preview('2025-02-05'), 'MTN Mobile Money')).toBe(90_000);
    expect(expectedOf(await preview('2025-02-06'), 'MTN Mobile Money')).toBe(-90_000);
  });

  it('takes an approved cash expense out of the expected cash, not a pending, rejected or mobile money one', async () => {
    await saleAt('2025-02-13T09:00:00Z', [{ method: 'Cash', amount: 100_000 }]);
    await expenseOn('2025-02-13', 3_000, 'Cash', 'Pending');
    await expenseOn('2025-02-13', 4_000, 'Cash', 'Rejected');
    await expenseOn('2025-02-13', 6_000, 'MTN Mobile Money', 'Approved');
    const pending = await expenseOn('2025-02-13', 12_000, 'Cash', 'Pending');
    expect(expectedOf(await preview('2025-02-13'), 'Cash')).toBe(100_000);

    // Action: the Owner approves the cash expense paid from the drawer.
    const approved = await (await as('kampalaOwner')).request('POST', `/api/expenses/${pending}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const day = await preview('2025-02-13');
    expect(day.cash_expenses).toBe(12_000);
    expect(expectedOf(day, 'Cash')).toBe(88_000);
    expect(expectedOf(day, 'MTN Mobile Money')).toBe(0);
    const closure = await submitted('kampalaStaff', '2025-02-13', { cash_amount: 88_000 });
    expect(closure).toMatchObject({ expected_cash: 88_000, cash_expenses: 12_000, variance: 0 });
  });

  it('refuses a day that has not begun in the shop timezone, naming closure_date, and writes nothing', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const before = await db()('daily_closures').count({ n: '*' }).first();

    const response = await submit('kampalaStaff', tomorrow, { cash_amount: 1_000 });
    const previewed = await (
      await as('kampalaStaff')
    ).request<Envelope>('GET', `/api/closures/preview?date=${tomorrow}`);

    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(response.body.error?.details ?? {})).toEqual(['closure_date']);
    expect(previewed.status).toBe(400);
    expect(await db()('daily_closures').count({ n: '*' }).first()).toEqual(before);
  });
});

describe('submission', () => {
  it('test_create_daily_closure: Staff submit the counted amounts; the server computes, audits, announces', async () => {
    await saleAt('2025-02-03T08:00:00Z', [{ method: 'Cash', amount: 45_000 }]);

    const closure = await submitted('kampalaStaff', '2025-02-03', { cash_amount: 45_000 });

    expect(closure).toMatchObject({
      status: 'Submitted',
      cash_amount: 45_000,
      total_collected: 45_000,
      expected_amount: 45_000,
      variance: 0,
      submitted_by: userId('kampalaStaff'),
    });
    const [created] = await auditEntries(closure.id);
    expect(created).toMatchObject({ action: 'create', old_value: null });
    expect(created?.new_value).toMatchObject({
      closure_date: '2025-02-03',
      variance: 0,
      status: 'Submitted',
    });
    const event = (await db()('outbox_events')
      .where({ event_type: 'closure.submitted' })
      .whereRaw("payload->'data'->>'closure_id' = ?", [String(closure.id)])
      .first()) as { payload: { data: { variance: number; large_variance: boolean } } };
    expect(event.payload.data).toMatchObject({ variance: 0, large_variance: false });
    const owners = (await db()('notifications').where({ link: `/closures/${closure.id}` })) as {
      user_id: string;
      type: string;
    }[];
    expect(owners).toEqual([
      expect.objectContaining({ user_id: userId('kampalaOwner'), type: 'closure_submitted' }),
    ]);
  });

  it('tells the Owner when the variance is above the shop threshold (closure.variance_threshold)', async () => {
    await saleAt('2025-02-14T08:00:00Z', [{ method: 'Cash', amount: 200_000 }]);

    const closure = await submitted('kampalaStaff', '2025-02-14', { cash_amount: 185_000 });

    expect(closure).toMatchObject({ variance: -15_000, large_variance: true });
    const notified = (await db()('notifications').where({ link: `/closures/${closure.id}` })) as {
      user_id: string;
      type: string;
      message: string;
    }[];
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({ user_id: userId('kampalaOwner'), type: 'closure_variance' });
    expect(notified[0]?.message).toContain('variance of -UGX 15,000');
    expect(notified[0]?.message).toContain('UGX 10,000');
    const event = (await db()('outbox_events')
      .where({ event_type: 'closure.submitted' })
      .whereRaw("payload->'data'->>'closure_id' = ?", [String(closure.id)])
      .first()) as { payload: { data: Record<string, unknown> } };
    expect(event.payload.data).toMatchObject({
      variance: -15_000,
      large_variance: true,
      variance_threshold: 10_000,
    });
  });

  it('test_duplicate_closure_forbidden: a second closure of the day answers 409 CLOSURE_EXISTS and changes nothing', async () => {
    const first = await submitted('kampalaStaff', '2025-02-08', { cash_amount: 1_000 });
    const before = await stateOf(first.id);

    const second = await submit('kampalaSupervisor', '2025-02-08', { cash_amount: 9_000 });

    expect(second.status).toBe(409);
    expect(second.body.error?.code).toBe('CLOSURE_EXISTS');
    expect(second.body.error?.message).toContain('2025-02-08');
    expect(
      await db()('daily_closures').where({ shop_id: shops.kampala, closure_date: '2025-02-08' }),
    ).toHaveLength(1);
    expect(await stateOf(first.id)).toEqual(before);
  });

  it('lets exactly one of two simultaneous submissions of a day through', async () => {
    const answers = await Promise.all([
      submit('kampalaStaff', '2025-02-18', { cash_amount: 1_000 }),
      submit('kampalaSupervisor', '2025-02-18', { cash_amount: 2_000 }),
      submit('kampalaOwner', '2025-02-18', { cash_amount: 3_000 }),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(
      answers.filter((a) => a.status === 409).every((a) => a.body.error?.code === 'CLOSURE_EXISTS'),
    ).toBe(true);
    expect(
      await db()('daily_closures').where({ shop_id: shops.kampala, closure_date: '2025-02-18' }),
    ).toHaveLength(1);
  });

  it('refuses expected amounts or variance from the client, naming them, and writes nothing', async () => {
    const response = await (
      await as('kampalaStaff')
    ).request<Envelope>('POST', '/api/closures', {
      closure_date: '2025-02-19',
      ...counted({ cash_amount: 5_000 }),
      expected_amount: 5_000,
      variance: 0,
    });
    const negative = await submit('kampalaStaff', '2025-02-19', { cash_amount: -5 });

    expect(response.status).toBe(400);
    expect(response.body.error?.message).toMatch(/expected_amount/);
    expect(negative.status).toBe(400);
    expect(Object.keys(negative.body.error?.details ?? {})).toEqual(['cash_amount']);
    expect(
      await db()('daily_closures').where({ shop_id: shops.kampala, closure_date: '2025-02-19' }),
    ).toHaveLength(0);
  });
});

describe('review, approval and lock', () => {
  it('test_approve_closure_as_owner: a Supervisor reviews, the Owner approves then locks, each step audited', async () => {
    const closure = await submitted('kampalaStaff', '2025-02-07', { cash_amount: 500 });
    const supervisor = await as('kampalaSupervisor');
    const owner = await as('kampalaOwner');

    const reviewed = await supervisor.request<Envelope<Closure>>(
      'POST',
      `/api/closures/${closure.id}/review`,
    );
    const approved = await owner.request<Envelope<Closure>>('POST', `/api/closures/${closure.id}/approve`);
    const locked = await owner.request<Envelope<Closure>>('POST', `/api/closures/${closure.id}/lock`);

    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body.data).toMatchObject({
      status: 'Reviewed',
      reviewed_by: userId('kampalaSupervisor'),
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'Approved', approved_by: userId('kampalaOwner') });
    expect(approved.body.data.allowed).toEqual({ steps: ['lock'], edit: false });
    expect(locked.status, JSON.stringify(locked.body)).toBe(200);
    expect(locked.body.data).toMatchObject({ status: 'Locked', locked_by: userId('kampalaOwner') });
    const row = (await db()('daily_closures').where({ id: closure.id }).first()) as Record<string, unknown>;
    expect(row['reviewed_at']).not.toBeNull();
    expect(row['approved_at']).not.toBeNull();
    expect(row['locked_at']).not.toBeNull();
    const trail = await auditEntries(closure.id);
    expect(trail.map((e) => e.action)).toEqual(['create', 'reviewed', 'approved', 'locked']);
    expect(trail[2]?.old_value).toMatchObject({ status: 'Reviewed' });
    expect(trail[2]?.new_value).toMatchObject({ status: 'Approved' });
  });

  it('refuses a Supervisor the approval (the matrix gives Supervisors review only) and changes nothing', async () => {
    const closure = await submitted('kampalaStaff', '2025-02-09', { cash_amount: 700 });
    const supervisor = await as('kampalaSupervisor');
    const before = await stateOf(closure.id);

    const approve = await supervisor.request<Envelope>('POST', `/api/closures/${closure.id}/approve`);
    const reject = await supervisor.request<Envelope>('POST', `/api/closures/${closure.id}/reject`, {
      reason: 'Looks wrong',
    });
    const lock = await supervisor.request<Envelope>('POST', `/api/closures/${closure.id}/lock`);

    expect([approve, reject, lock].map((a) => [a.status, a.body.error?.code, a.body.error?.message])).toEqual(
      [
        [403, 'FORBIDDEN', 'A Supervisor may not approve closures.'],
        [403, 'FORBIDDEN', 'A Supervisor may not reject closures.'],
        [403, 'FORBIDDEN', 'A Supervisor may not lock closures.'],
      ],
    );
    expect(await stateOf(closure.id)).toEqual(before);
  });

  it('refuses steps out of order, naming the status, and changes nothing', async () => {
    const closure = await submitted('kampalaStaff', '2025-02-15', { cash_amount: 900 });
    const owner = await as('kampalaOwner');
    const before = await stateOf(closure.id);

    const lock = await owner.request<Envelope>('POST', `/api/closures/${closure.id}/lock`);
    const review = await owner.request<Envelope>('POST', `/api/closures/${closure.id}/review`);

    expect(lock.status).toBe(409);
    expect(lock.body.error).toMatchObject({
      code: 'CLOSURE_STATE',
      message: 'The closure of 2025-02-15 is Submitted; only a closure that is Approved can be locked.',
    });
    expect(review.status).toBe(403); // the matrix gives Owners approve, not review
    expect(await stateOf(closure.id)).toEqual(before);
  });

  it('a rejection needs a reason, tells the submitter, and a correction submits the closure again', async () => {
    await saleAt('2025-02-16T09:00:00Z', [{ method: 'Cash', amount: 60_000 }]);
    const closure = await submitted('kampalaStaff', '2025-02-16', { cash_amount: 50_000 });
    const owner = await as('kampalaOwner');
    const before = await stateOf(closure.id);
    const withoutReason = await owner.request<Envelope>('POST', `/api/closures/${closure.id}/reject`, {});
    expect(withoutReason.status).toBe(400);
    expect(Object.keys(withoutReason.body.error?.details ?? {})).toEqual(['reason']);
    expect(await stateOf(closure.id)).toEqual(before);

    const rejected = await owner.request<Envelope<Closure>>('POST', `/api/closures/${closure.id}/reject`, {
      reason: 'Recount the drawer',
    });
    const corrected = await (
      await as('kampalaSupervisor')
    ).request<Envelope<Closure>>('PUT', `/api/closures/${closure.id}`, {
      cash_amount: 60_000,
      notes: 'Recounted',
    });

    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.data).toMatchObject({ status: 'Rejected', rejection_reason: 'Recount the drawer' });
    expect(
      await db()('notifications').where({
        user_id: userId('kampalaStaff'),
        type: 'closure_rejected',
        link: `/closures/${closure.id}`,
      }),
    ).toHaveLength(1);
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.data).toMatchObject({
      status: 'Submitted',
      cash_amount: 60_000,
      total_collected: 60_000,
      variance: 0,
      rejection_reason: null,
      approved_by: null,
    });
    const trail = await auditEntries(closure.id);
    expect(trail.map((e) => e.action)).toEqual(['create', 'rejected', 'update']);
    expect(trail[2]?.old_value).toMatchObject({ cash_amount: 50_000, variance: -10_000, status: 'Rejected' });
    expect(trail[2]?.new_value).toMatchObject({ cash_amount: 60_000, variance: 0, status: 'Submitted' });
    const events = await db()('outbox_events')
      .where({ event_type: 'closure.submitted' })
      .whereRaw("payload->'data'->>'closure_id' = ?", [String(closure.id)]);
    expect(events).toHaveLength(2);
  });
});

describe('corrections', () => {
  it('recomputes counted totals and variance for a Supervisor, keeping the amounts not given', async () => {
    await saleAt('2025-02-17T09:00:00Z', [
      { method: 'Cash', amount: 20_000 },
      { method: 'Card', amount: 30_000 },
    ]);
    const closure = await submitted('kampalaStaff', '2025-02-17', {
      cash_amount: 20_000,
      card_amount: 25_000,
    });
    expect(closure.variance).toBe(-5_000);

    const response = await (
      await as('kampalaSupervisor')
    ).request<Envelope<Closure>>('PUT', `/api/closures/${closure.id}`, { card_amount: 30_000 });

    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data).toMatchObject({
      cash_amount: 20_000,
      total_collected: 50_000,
      expected_amount: 50_000,
      variance: 0,
    });
  });

  it('refuses corrections once Approved or Locked, naming the status, and changes nothing', async () => {
    const closure = await submitted('kampalaStaff', '2025-02-10', { cash_amount: 1_500 });
    const owner = await as('kampalaOwner');
    expect((await owner.request('POST', `/api/closures/${closure.id}/approve`)).status).toBe(200);
    const approved = await stateOf(closure.id);

    const bySupervisor = await (
      await as('kampalaSupervisor')
    ).request<Envelope>('PUT', `/api/closures/${closure.id}`, { cash_amount: 99_000 });
    const byOwner = await owner.request<Envelope>('PUT', `/api/closures/${closure.id}`, {
      cash_amount: 99_000,
    });

    for (const answer of [bySupervisor, byOwner]) {
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe('CLOSURE_STATE');
      expect(answer.body.error?.message).toMatch(/is Approved and can no longer be corrected/);
    }
    expect(await stateOf(closure.id)).toEqual(approved);

    expect((await owner.request('POST', `/api/closures/${closure.id}/lock`)).status).toBe(200);
    const locked = await stateOf(closure.id);
    const afterLock = await owner.request<Envelope>('PUT', `/api/closures/${closure.id}`, {
      cash_amount: 99_000,
    });
    expect(afterLock.status).toBe(409);
    expect(afterLock.body.error?.message).toMatch(/is Locked and can no longer be corrected/);
    expect(await stateOf(closure.id)).toEqual(locked);
  });
});

describe('who reads what', () => {
  it('Staff read only the closures they submitted, and may not correct even those', async () => {
    const own = await submitted('kampalaStaff', '2025-02-11', { cash_amount: 100 });
    const other = await submitted('kampalaSupervisor', '2025-02-12', { cash_amount: 200 });
    const staff = await as('kampalaStaff');
    const before = await stateOf(own.id);

    const list = await staff.request<Envelope<Closure[]>>(
      'GET',
      '/api/closures?from=2025-02-01&to=2025-02-28',
    );
    const otherById = await staff.request<Envelope>('GET', `/api/closures/${other.id}`);
    const otherByDate = await staff.request<Envelope>('GET', '/api/closures/date/2025-02-12');
    const ownByDate = await staff.request<Envelope<Closure>>('GET', '/api/closures/date/2025-02-11');
    const edit = await staff.request<Envelope>('PUT', `/api/closures/${own.id}`, { cash_amount: 150 });

    expect(list.status).toBe(200);
    expect(list.body.data.map((c) => c.id)).toContain(own.id);
    expect(list.body.data.every((c) => c.submitted_by === userId('kampalaStaff'))).toBe(true);
    expect(otherById.status).toBe(404);
    expect(otherByDate.status).toBe(404);
    expect(ownByDate.body.data.id).toBe(own.id);
    expect(edit.status).toBe(403);
    expect(edit.body.error?.message).toMatch(/Staff may not update closures/);
    expect(await stateOf(own.id)).toEqual(before);

    const supervisorList = await (
      await as('kampalaSupervisor')
    ).request<Envelope<Closure[]>>('GET', '/api/closures?from=2025-02-11&to=2025-02-12');
    expect(supervisorList.body.data.map((c) => c.id).sort()).toEqual([own.id, other.id].sort());
  });

  it('another shop cannot read, review or approve a Kampala closure', async () => {
    const closure = await submitted('kampalaStaff', '2025-02-20', { cash_amount: 300 });
    const before = await stateOf(closure.id);
    const entebbe = await as('entebbeOwner');

    expect((await entebbe.request('GET', `/api/closures/${closure.id}`)).status).toBe(404);
    expect((await entebbe.request('POST', `/api/closures/${closure.id}/approve`)).status).toBe(404);
    const list = await entebbe.request<Envelope<Closure[]>>(
      'GET',
      '/api/closures?from=2025-02-20&to=2025-02-20',
    );
    expect(list.body.data).toEqual([]);
    expect(await stateOf(closure.id)).toEqual(before);
  });
});
