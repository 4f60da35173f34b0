// The daily closure's arithmetic and workflow, pure. Per payment method the server expects what the
// day's sales and repairs took with it (reversals and refunds negative), less, for cash only, the
// approved expenses paid from the drawer; the variance is counted minus expected (negative: money
// missing). The workflow: Submitted -> Reviewed (Supervisor) -> Approved or Rejected (Owner) ->
// Locked (Owner); figures can be corrected until the closure is approved, and a correction submits it
// again.
import { can, type ShopRole } from '../../../../snapshots/access/matrix.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../snapshots/enums.ts';

/** Each payment method with the closure's counted column and expected column. */
export const CLOSURE_METHODS = [
  { method: 'Cash', counted: 'cash_amount', expected: 'expected_cash' },
  { method: 'MTN Mobile Money', counted: 'mtn_amount', expected: 'expected_mtn' },
  { method: 'Airtel Money', counted: 'airtel_amount', expected: 'expected_airtel' },
  { method: 'Card', counted: 'card_amount', expected: 'expected_card' },
  { method: 'Bank Transfer', counted: 'bank_transfer', expected: 'expected_bank_transfer' },
  { method: 'Other', counted: 'other_amount', expected: 'expected_other' },
] as const satisfies readonly { method: PaymentMethod; counted: string; expected: string }[];

export type CountedField = (typeof CLOSURE_METHODS)[number]['counted'];
export type ExpectedField = (typeof CLOSURE_METHODS)[number]['expected'];

/** What was counted per method, in the currency's smallest unit. */
export type CountedAmounts = Record<CountedField, number>;
export type PerMethod = Record<PaymentMethod, number>;

/** A payment of the day: a sale's or a repair's, negative for a reversal or a refund. */
export interface DayPayment {
  source: 'sale' | 'repair';
  method: string;
  amount: number;
}

export interface MethodExpectation {
  method: PaymentMethod;
  sales: number;
  repairs: number;
  /** Approved cash expenses paid from the drawer (cash only; 0 for other methods). */
  expenses: number;
  expected: number;
}

export interface Expectation {
  methods: MethodExpectation[];
  sales_total: number;
  repairs_total: number;
  cash_expenses: number;
  expected_amount: number;
}

const zeroPerMethod = (): PerMethod => Object.fromEntries(PAYMENT_METHODS.map((m) => [m, 0])) as PerMethod;

function requireAmount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${what} must be a whole amount, got ${amount}`);
}

/** The expected amount per method from the day's payments and its approved cash expenses. */
export function expectDay(payments: readonly DayPayment[], cashExpenses: number): Expectation {
  requireAmount(cashExpenses, 'cash expenses');
  if (cashExpenses < 0) throw new RangeError('cash expenses cannot be negative');
  const sales = zeroPerMethod();
  const repairs = zeroPerMethod();
  for (const p of payments) {
    requireAmount(p.amount, `a ${p.source} payment`);
    if (!(PAYMENT_METHODS as readonly string[]).includes(p.method))
      throw new RangeError(`unknown payment method ${p.method}`);
    const bucket = p.source === 'sale' ? sales : repairs;
    bucket[p.method as PaymentMethod] += p.amount;
  }
  const methods = CLOSURE_METHODS.map(({ method }): MethodExpectation => {
    const expenses = method === 'Cash' ? cashExpenses : 0;
    return {
      method,
      sales: sales[method],
      repairs: repairs[method],
      expenses,
      expected: sales[method] + repairs[method] - expenses,
    };
  });
  const sum = (pick: (m: MethodExpectation) => number): number =>
    methods.reduce((total, m) => total + pick(m), 0);
  return {
    methods,
    sales_total: sum((m) => m.sales),
    repairs_total: sum((m) => m.repairs),
    cash_expenses: cashExpenses,
    expected_amount: sum((m) => m.expected),
  };
}

export interface MethodFigures {
  method: PaymentMethod;
  counted_field: CountedField;
  expected: number;
  counted: number;
  variance: number;
}

export interface ClosureFigures {
  methods: MethodFigures[];
  expected_amount: number;
  total_collected: number;
  variance: number;
}

/** Counted against expected, per method and in total. */
export function closureFigures(expected: PerMethod, counted: CountedAmounts): ClosureFigures {
  const methods = CLOSURE_METHODS.map(({ method, counted: field }): MethodFigures => {
    requireAmount(counted[field], field);
    if (counted[field] < 0) throw new RangeError(`${field} cannot be negative`);
    requireAmount(expected[method], `expected ${method}`);
    return {
      method,
      counted_field: field,
      expected: expected[method],
      counted: counted[field],
      variance: counted[field] - expected[method],
    };
  });
  const expectedAmount = methods.reduce((t, m) => t + m.expected, 0);
  const totalCollected = methods.reduce((t, m) => t + m.counted, 0);
  return {
    methods,
    expected_amount: expectedAmount,
    total_collected: totalCollected,
    variance: totalCollected - expectedAmount,
  };
}

export function expectedPerMethod(expectation: Expectation): PerMethod {
  return Object.fromEntries(expectation.methods.map((m) => [m.method, m.expected])) as PerMethod;
}

/** A variance is large when its absolute value is above the shop's threshold. */
export function isLargeVariance(variance: number, threshold: number): boolean {
  return Math.abs(variance) > threshold;
}

export type ClosureStatus = 'Submitted' | 'Reviewed' | 'Approved' | 'Rejected' | 'Locked';
export type ClosureStep = 'review' | 'approve' | 'reject' | 'lock';

/**
 * Each step with the statuses it starts from, where it leads, and the matrix right on `closures` it
 * needs. The matrix has no `lock` on closures: locking a closure for good is the approver's (Owner's).
 */
export const CLOSURE_STEPS: Record<
  ClosureStep,
  { from: readonly ClosureStatus[]; to: ClosureStatus; right: 'review' | 'approve' }
> = {
  review: { from: ['Submitted'], to: 'Reviewed', right: 'review' },
  approve: { from: ['Submitted', 'Reviewed'], to: 'Approved', right: 'approve' },
  reject: { from: ['Submitted', 'Reviewed'], to: 'Rejected', right: 'approve' },
  lock: { from: ['Approved'], to: 'Locked', right: 'approve' },
};

/** Figures can be corrected until the closure is approved (a rejected one is corrected and resubmitted). */
export const EDITABLE_STATUSES: readonly ClosureStatus[] = ['Submitted', 'Reviewed', 'Rejected'];

export type StepDecision = { allowed: true; to: ClosureStatus } | { allowed: false; reason: string };

/** Whether a closure in `status` may take `step`; the caller's right is checked apart (requireRight). */
export function decideStep(status: ClosureStatus, step: ClosureStep): StepDecision {
  const rule = CLOSURE_STEPS[step];
  if (rule.from.includes(status)) return { allowed: true, to: rule.to };
  return {
    allowed: false,
    reason: `is ${status}; only a closure that is ${rule.from.join(' or ')} can be ${PAST[step]}`,
  };
}

const PAST: Record<ClosureStep, string> = {
  review: 'reviewed',
  approve: 'approved',
  reject: 'rejected',
  lock: 'locked',
};

export function canEditClosure(status: ClosureStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

/** The steps a role may take on a closure in `status` (what a front end offers). */
export function stepsFor(status: ClosureStatus, role: ShopRole): ClosureStep[] {
  return (Object.keys(CLOSURE_STEPS) as ClosureStep[]).filter(
    (step) => CLOSURE_STEPS[step].from.includes(status) && can(role, 'closures', CLOSURE_STEPS[step].right),
  );
}

/** Today's date (YYYY-MM-DD) in a timezone: a shop cannot close a day that has not begun. */
export function localDate(timezone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
