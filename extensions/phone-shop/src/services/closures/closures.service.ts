// The daily closure: the server works out what the drawer and the accounts should hold for a day in
// the shop's timezone (domain/closure.ts), the cashier submits what was counted, a Supervisor
// reviews, the Owner approves or rejects and finally locks. Figures can be corrected until approval;
// every correction recomputes the expected amounts and submits the closure again. One closure per shop
// and day (a database constraint). Every step writes the audit log; every submission puts
// `closure.submitted` in the outbox and tells the Owner, loudly when the variance is above the shop's
// threshold (setting `closure.variance_threshold`, default 10,000).
import { isMoney, isStoredId, MAX_MONEY } from '../../domain/ranges.ts';
import type { Knex } from 'knex';
import { can } from '../../../../../snapshots/access/matrix.ts';
import {
  CLOSURE_METHODS,
  CLOSURE_STEPS,
  canEditClosure,
  closureFigures,
  decideStep,
  expectDay,
  expectedPerMethod,
  isLargeVariance,
  localDate,
  stepsFor,
  type ClosureStatus,
  type ClosureStep,
  type CountedAmounts,
  type CountedField,
  type DayPayment,
  type Expectation,
  type MethodFigures,
} from '../../domain/closure.ts';
import { formatMoney } from '../../domain/money.ts';
import {
  ActionForbiddenError,
  ClosureExistsError,
  ClosureStateError,
  InvalidFieldError,
  NotFoundError,
} from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { notifyRoles, notifyUser } from '../notifications.ts';
import { enqueueEvent } from '../outbox.ts';
import { requireRight } from '../rights.ts';
import { loadSettings, loadShop } from '../shop.ts';

export const DEFAULT_VARIANCE_THRESHOLD = 10_000;

export type CountedInput = CountedAmounts & { notes: string | null };
export type CorrectionInput = Partial<CountedAmounts> & { notes?: string | null | undefined };

interface ClosureRow extends CountedAmounts {
  id: number;
  closure_date: string;
  status: ClosureStatus;
  total_collected: number;
  expected_amount: number;
  variance: number;
  expected_cash: number | null;
  expected_mtn: number | null;
  expected_airtel: number | null;
  expected_card: number | null;
  expected_bank_transfer: number | null;
  expected_other: number | null;
  cash_expenses: number | null;
  notes: string | null;
  rejection_reason: string | null;
  submitted_by: string | null;
  submitter: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  locked_by: string | null;
  locked_at: string | null;
  created_at: string;
  updated_at: string | null;
}

export interface ClosureDetail extends ClosureRow {
  currency: string;
  /** Counted against expected per method; null for a closure recorded before the breakdown existed. */
  methods: MethodFigures[] | null;
  variance_threshold: number;
  large_variance: boolean;
  /** The steps the caller may take now (review, approve, reject, lock) and whether it may correct it. */
  allowed: { steps: ClosureStep[]; edit: boolean };
}

export interface DayPreview extends Expectation {
  closure_date: string;
  timezone: string;
  currency: string;
  /** The day's closure when one was already submitted: a second one is refused. */
  closure: { id: number; status: ClosureStatus } | null;
}

const COUNTED = CLOSURE_METHODS.map((m) => m.counted);

const CLOSURE_COLUMNS = [
  'c.id',
  'c.status',
  ...COUNTED.map((f) => `c.${f}`),
  'c.total_collected',
  'c.expected_amount',
  'c.variance',
  ...CLOSURE_METHODS.map((m) => `c.${m.expected}`),
  'c.cash_expenses',
  'c.notes',
  'c.rejection_reason',
  'c.submitted_by',
  'c.reviewed_by',
  'c.reviewed_at',
  'c.approved_by',
  'c.approved_at',
  'c.locked_by',
  'c.locked_at',
  'c.created_at',
  'c.updated_at',
];

/** Staff read only the closures they submitted (the same scope as the /items policy). */
const seesOwnOnly = (ctx: ActionContext): boolean => ctx.role === 'Staff';

/** The shop's closures; for Staff only those they submitted, unless `scoped` is false (writers). */
function closureQuery(ctx: ActionContext, scoped = true): Knex.QueryBuilder {
  const query = ctx
    .knex('daily_closures as c')
    .leftJoin('directus_users as u', 'u.id', 'c.submitted_by')
    .select(
      ...CLOSURE_COLUMNS,
      ctx.knex.raw(`to_char(c.closure_date, 'YYYY-MM-DD') as closure_date`),
      ctx.knex.raw(`nullif(trim(concat(u.first_name, ' ', u.last_name)), '') as submitter`),
    )
    .where('c.shop_id', ctx.shopId);
  if (scoped && seesOwnOnly(ctx)) void query.andWhere('c.submitted_by', ctx.userId);
  return query;
}

function varianceThreshold(settings: Map<string, string>): number {
  const value = Number(settings.get('closure.variance_threshold'));
  return Number.isSafeInteger(value) && value >= 0 ? value : DEFAULT_VARIANCE_THRESHOLD;
}

function toDetail(ctx: ActionContext, row: ClosureRow, currency: string, threshold: number): ClosureDetail {
  const hasBreakdown = row.expected_cash !== null;
  const methods = hasBreakdown
    ? CLOSURE_METHODS.map(({ method, counted, expected }): MethodFigures => ({
        method,
        counted_field: counted,
        expected: row[expected] ?? 0,
        counted: row[counted],
        variance: row[counted] - (row[expected] ?? 0),
      }))
    : null;
  return {
    ...row,
    currency,
    methods,
    variance_threshold: threshold,
    large_variance: isLargeVariance(row.variance, threshold),
    allowed: {
      steps: stepsFor(row.status, ctx.role),
      edit: canEditClosure(row.status) && can(ctx.role, 'closures', 'update'),
    },
  };
}

async function detailOf(ctx: ActionContext, rows: ClosureRow[]): Promise<ClosureDetail[]> {
  const [{ currency }, settings] = await Promise.all([
    loadShop(ctx.knex, ctx.shopId),
    loadSettings(ctx.knex, ctx.shopId),
  ]);
  const threshold = varianceThreshold(settings);
  return rows.map((row) => toDetail(ctx, row, currency, threshold));
}

export async function getClosure(ctx: ActionContext, closureId: number): Promise<ClosureDetail> {
  requireRight(ctx, 'closures', 'read');
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(closureId)) throw new NotFoundError({ entity: 'Closure', id: String(closureId) });
  const row = (await closureQuery(ctx).andWhere('c.id', closureId).first()) as ClosureRow | undefined;
  if (!row) throw new NotFoundError({ entity: 'Closure', id: String(closureId) });
  const [detail] = await detailOf(ctx, [row]);
  return detail as ClosureDetail;
}

export async function getClosureByDate(ctx: ActionContext, date: string): Promise<ClosureDetail> {
  requireRight(ctx, 'closures', 'read');
  const row = (await closureQuery(ctx).andWhere('c.closure_date', date).first()) as ClosureRow | undefined;
  if (!row) throw new NotFoundError({ entity: 'The closure of', id: date });
  const [detail] = await detailOf(ctx, [row]);
  return detail as ClosureDetail;
}

export interface ClosureFilters {
  from?: string | undefined;
  to?: string | undefined;
  status?: ClosureStatus | undefined;
  limit: number;
  offset: number;
}

export async function listClosures(
  ctx: ActionContext,
  filters: ClosureFilters,
): Promise<{ data: ClosureDetail[]; total: number }> {
  requireRight(ctx, 'closures', 'read');
  const query = closureQuery(ctx);
  if (filters.from) void query.andWhere('c.closure_date', '>=', filters.from);
  if (filters.to) void query.andWhere('c.closure_date', '<=', filters.to);
  if (filters.status) void query.andWhere('c.status', filters.status);
  const [{ total }] = (await query.clone().clearSelect().count({ total: 'c.id' })) as [{ total: string }];
  const rows = (await query
    .orderBy('c.closure_date', 'desc')
    .limit(filters.limit)
    .offset(filters.offset)) as ClosureRow[];
  return { data: await detailOf(ctx, rows), total: Number(total) };
}

const toAmount = (value: unknown): number => {
  const amount = Number(value ?? 0);
  if (!Number.isSafeInteger(amount)) throw new Error(`a day total is out of range: ${String(value)}`);
  return amount;
};

/**
 * What the day took per method: the payments of sales made that day (a reversal counts on the day it
 * was made, with negative payments; an edit keeps the sale on its own day) and of repairs paid that
 * day, between local midnights in the shop's timezone; and the approved cash expenses dated that day.
 */
async function expectationOf(ctx: ActionContext, date: string, timezone: string): Promise<Expectation> {
  const dayStart = 'CAST(? AS date)::timestamp AT TIME ZONE ?';
  const dayEnd = '(CAST(? AS date) + 1)::timestamp AT TIME ZONE ?';
  const day = [date, timezone, date, timezone];
  const payments = (await ctx.knex.raw(
    `SELECT 'sale' AS source, p.method, sum(p.amount) AS amount
       FROM sale_payments p
       JOIN sales s ON s.shop_id = p.shop_id AND s.id = p.sale_id
      WHERE p.shop_id = ? AND s.created_at >= ${dayStart} AND s.created_at < ${dayEnd}
      GROUP BY p.method
     UNION ALL
     SELECT 'repair', method, sum(amount)
       FROM repair_payments
      WHERE shop_id = ? AND created_at >= ${dayStart} AND created_at < ${dayEnd}
      GROUP BY method`,
    [ctx.shopId, ...day, ctx.shopId, ...day],
  )) as { rows: { source: DayPayment['source']; method: string; amount: string }[] };
  const expenses = (await ctx
    .knex('expenses')
    .where({ shop_id: ctx.shopId, payment_method: 'Cash', status: 'Approved', expense_date: date })
    .sum({ total: 'amount' })
    .first()) as { total: string | null };
  return expectDay(
    payments.rows.map((r) => ({ source: r.source, method: r.method, amount: toAmount(r.amount) })),
    toAmount(expenses.total),
  );
}

function refuseFutureDay(date: string, timezone: string): void {
  const today = localDate(timezone);
  if (date > today)
    throw new InvalidFieldError({
      field: 'closure_date',
      reason: `${date} is after today (${today}) in the shop's timezone (${timezone}); a day is closed once it has begun`,
    });
}

export async function previewDay(ctx: ActionContext, date: string): Promise<DayPreview> {
  requireRight(ctx, 'closures', 'create');
  const { timezone, currency } = await loadShop(ctx.knex, ctx.shopId);
  refuseFutureDay(date, timezone);
  const existing = (await ctx
    .knex('daily_closures')
    .select('id', 'status')
    .where({ shop_id: ctx.shopId, closure_date: date })
    .first()) as { id: number; status: ClosureStatus } | undefined;
  return {
    closure_date: date,
    timezone,
    currency,
    ...(await expectationOf(ctx, date, timezone)),
    closure: existing ?? null,
  };
}

/** The columns a computation writes: counted, expected per method, totals and variance. */
function figureColumns(expectation: Expectation, counted: CountedAmounts): Record<string, number> {
  const figures = closureFigures(expectedPerMethod(expectation), counted);
  // Each counted amount is at most MAX_MONEY; their sum, and its difference from what was expected,
  // must be amounts too (domain/ranges.ts).
  for (const field of ['total_collected', 'variance'] as const) {
    if (!isMoney(figures[field]))
      throw new InvalidFieldError({
        field,
        reason: `the counted amounts give one beyond the largest amount accepted (${MAX_MONEY})`,
      });
  }
  const expected = Object.fromEntries(
    CLOSURE_METHODS.map(({ method, expected: column }) => [
      column,
      figures.methods.find((m) => m.method === method)?.expected ?? 0,
    ]),
  );
  return {
    ...counted,
    ...expected,
    cash_expenses: expectation.cash_expenses,
    expected_amount: figures.expected_amount,
    total_collected: figures.total_collected,
    variance: figures.variance,
  };
}

/** The outbox event and the Owner's notification of a (re)submission. */
function announceSubmission(ctx: ActionContext, closure: ClosureDetail, corrected: boolean): void {
  enqueueEvent(ctx, 'closure.submitted', {
    closure_id: closure.id,
    closure_date: closure.closure_date,
    status: closure.status,
    expected_amount: closure.expected_amount,
    total_collected: closure.total_collected,
    variance: closure.variance,
    large_variance: closure.large_variance,
    variance_threshold: closure.variance_threshold,
    methods: closure.methods,
    submitted_by: closure.submitted_by,
    corrected,
  });
  const money = (amount: number): string => formatMoney(amount, closure.currency);
  const what = corrected ? 'corrected' : 'submitted';
  notifyRoles(
    ctx,
    ['Owner'],
    closure.large_variance
      ? {
          title: `Large variance in the closure of ${closure.closure_date}`,
          message: `The closure of ${closure.closure_date} was ${what} with a variance of ${money(closure.variance)} (counted ${money(closure.total_collected)}, expected ${money(closure.expected_amount)}), above the threshold of ${money(closure.variance_threshold)}.`,
          type: 'closure_variance',
          link: `/closures/${closure.id}`,
        }
      : {
          title: `Closure of ${closure.closure_date} ${what}`,
          message: `The closure of ${closure.closure_date} waits for review: counted ${money(closure.total_collected)}, expected ${money(closure.expected_amount)}, variance ${money(closure.variance)}.`,
          type: 'closure_submitted',
          link: `/closures/${closure.id}`,
        },
  );
}

export async function createClosure(
  ctx: ActionContext,
  date: string,
  input: CountedInput,
): Promise<ClosureDetail> {
  requireRight(ctx, 'closures', 'create');
  const { timezone } = await loadShop(ctx.knex, ctx.shopId);
  refuseFutureDay(date, timezone);
  const { notes, ...counted } = input;
  const expectation = await expectationOf(ctx, date, timezone);
  // One closure per shop and day: the unique key decides, also between two simultaneous submissions.
  const inserted = (await ctx
    .knex('daily_closures')
    .insert({
      shop_id: ctx.shopId,
      closure_date: date,
      ...figureColumns(expectation, counted),
      status: 'Submitted',
      notes,
      submitted_by: ctx.userId,
    })
    .onConflict(['shop_id', 'closure_date'])
    .ignore()
    .returning('id')) as { id: number }[];
  const id = inserted[0]?.id;
  if (id === undefined) {
    const existing = (await ctx
      .knex('daily_closures')
      .select('id', 'status')
      .where({ shop_id: ctx.shopId, closure_date: date })
      .first()) as { id: number; status: string };
    throw new ClosureExistsError({ closure_date: date, closure_id: existing.id, status: existing.status });
  }
  const closure = await readForWrite(ctx, id);
  audit(ctx, { entityType: 'daily_closures', entityId: id, action: 'create', newValue: closure });
  announceSubmission(ctx, closure, false);
  return closure;
}

/** A closure of the shop, whoever submitted it (a Staff member's own submission reads it back too). */
async function readForWrite(ctx: ActionContext, closureId: number): Promise<ClosureDetail> {
  const row = (await closureQuery(ctx, false).andWhere('c.id', closureId).first()) as ClosureRow | undefined;
  if (!row) throw new NotFoundError({ entity: 'Closure', id: String(closureId) });
  const [detail] = await detailOf(ctx, [row]);
  return detail as ClosureDetail;
}

/** Locks the closure row for the rest of the transaction. */
async function lockClosure(ctx: ActionContext, closureId: number): Promise<ClosureDetail> {
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(closureId)) throw new NotFoundError({ entity: 'Closure', id: String(closureId) });
  const locked = (await ctx
    .knex('daily_closures')
    .select('id')
    .where({ shop_id: ctx.shopId, id: closureId })
    .forUpdate()
    .first()) as { id: number } | undefined;
  if (!locked) throw new NotFoundError({ entity: 'Closure', id: String(closureId) });
  return readForWrite(ctx, closureId);
}

/** A correction of the counted amounts (and notes): expected figures are recomputed, and it is submitted again. */
export async function correctClosure(
  ctx: ActionContext,
  closureId: number,
  input: CorrectionInput,
): Promise<ClosureDetail> {
  requireRight(ctx, 'closures', 'update');
  const before = await lockClosure(ctx, closureId);
  if (!canEditClosure(before.status))
    throw new ClosureStateError({
      closure_date: before.closure_date,
      reason: `is ${before.status} and can no longer be corrected; only a Submitted, Reviewed or Rejected closure can`,
    });
  const { timezone } = await loadShop(ctx.knex, ctx.shopId);
  const counted = Object.fromEntries(
    COUNTED.map((field) => [field, input[field] ?? before[field]]),
  ) as Record<CountedField, number>;
  const expectation = await expectationOf(ctx, before.closure_date, timezone);
  await ctx
    .knex('daily_closures')
    .where({ shop_id: ctx.shopId, id: closureId })
    .update({
      ...figureColumns(expectation, counted),
      notes: input.notes === undefined ? before.notes : input.notes,
      status: 'Submitted',
      reviewed_by: null,
      reviewed_at: null,
      approved_by: null,
      approved_at: null,
      rejection_reason: null,
      updated_at: new Date(),
    });
  const after = await readForWrite(ctx, closureId);
  audit(ctx, {
    entityType: 'daily_closures',
    entityId: closureId,
    action: 'update',
    oldValue: before,
    newValue: after,
  });
  announceSubmission(ctx, after, true);
  return after;
}

/** Who decided and when, per step. */
function stepColumns(ctx: ActionContext, step: ClosureStep, reason: string | null): Record<string, unknown> {
  const now = new Date();
  switch (step) {
    case 'review':
      return { reviewed_by: ctx.userId, reviewed_at: now };
    case 'approve':
      return { approved_by: ctx.userId, approved_at: now };
    case 'reject':
      return { approved_by: ctx.userId, approved_at: now, rejection_reason: reason };
    case 'lock':
      return { locked_by: ctx.userId, locked_at: now };
  }
}

/** Review (Supervisor), approve, reject or lock (Owner), from the statuses the workflow allows. */
export async function takeStep(
  ctx: ActionContext,
  closureId: number,
  step: ClosureStep,
  reason: string | null = null,
): Promise<ClosureDetail> {
  // The matrix right behind each step (lock and reject are the approver's); the refusal names the step.
  if (!can(ctx.role, 'closures', CLOSURE_STEPS[step].right))
    throw new ActionForbiddenError({ role: ctx.role, action: step, resource: 'closures' });
  const before = await lockClosure(ctx, closureId);
  const decision = decideStep(before.status, step);
  if (!decision.allowed)
    throw new ClosureStateError({ closure_date: before.closure_date, reason: decision.reason });
  await ctx
    .knex('daily_closures')
    .where({ shop_id: ctx.shopId, id: closureId })
    .update({ status: decision.to, ...stepColumns(ctx, step, reason), updated_at: new Date() });
  const after = await readForWrite(ctx, closureId);
  audit(ctx, {
    entityType: 'daily_closures',
    entityId: closureId,
    action: STEP_ACTIONS[step],
    oldValue: before,
    newValue: reason === null ? after : { ...after, reason },
  });
  if (step === 'reject' && after.submitted_by)
    notifyUser(ctx, after.submitted_by, {
      title: `Closure of ${after.closure_date} rejected`,
      message: `Your closure of ${after.closure_date} was rejected: ${reason ?? ''}. Correct the counted amounts and submit it again.`,
      type: 'closure_rejected',
      link: `/closures/${after.id}`,
    });
  return after;
}

const STEP_ACTIONS: Record<ClosureStep, string> = {
  review: 'reviewed',
  approve: 'approved',
  reject: 'rejected',
  lock: 'locked',
};
