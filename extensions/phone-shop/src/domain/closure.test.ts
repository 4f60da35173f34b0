import { describe, expect, it } from 'vitest';
import {
  canEditClosure,
  closureFigures,
  decideStep,
  expectDay,
  expectedPerMethod,
  isLargeVariance,
  localDate,
  stepsFor,
  type CountedAmounts,
} from './closure.ts';

const counted = (amounts: Partial<CountedAmounts>): CountedAmounts => ({
  cash_amount: 0,
  mtn_amount: 0,
  airtel_amount: 0,
  card_amount: 0,
  bank_transfer: 0,
  other_amount: 0,
  ...amounts,
});

describe('expected amounts of a day', () => {
  it('adds sale and repair payments per method and takes approved cash expenses out of cash only', () => {
    const day = expectDay(
      [
        { source: 'sale', method: 'Cash', amount: 50_000 },
        { source: 'sale', method: 'MTN Mobile Money', amount: 120_000 },
        { source: 'repair', method: 'Cash', amount: 30_000 },
        { source: 'repair', method: 'Airtel Money', amount: 60_000 },
        { source: 'sale', method: 'Card', amount: 200_000 },
      ],
      15_000,
    );
    expect(day.methods.map((m) => [m.method, m.expected])).toEqual([
      ['Cash', 65_000],
      ['MTN Mobile Money', 120_000],
      ['Airtel Money', 60_000],
      ['Card', 200_000],
      ['Bank Transfer', 0],
      ['Other', 0],
    ]);
    expect(day.methods[0]).toEqual({
      method: 'Cash',
      sales: 50_000,
      repairs: 30_000,
      expenses: 15_000,
      expected: 65_000,
    });
    expect(day).toMatchObject({
      sales_total: 370_000,
      repairs_total: 90_000,
      cash_expenses: 15_000,
      expected_amount: 445_000,
    });
  });

  it('counts a reversal on its own day as negative payments, so expected cash can go below zero', () => {
    const day = expectDay([{ source: 'sale', method: 'Cash', amount: -80_000 }], 5_000);
    expect(expectedPerMethod(day).Cash).toBe(-85_000);
    expect(day.expected_amount).toBe(-85_000);
  });

  it('refuses amounts that are not whole numbers and unknown methods', () => {
    expect(() => expectDay([{ source: 'sale', method: 'Cash', amount: 10.5 }], 0)).toThrow(RangeError);
    expect(() => expectDay([{ source: 'sale', method: 'Cheque', amount: 10 }], 0)).toThrow(/Cheque/);
    expect(() => expectDay([], -1)).toThrow(RangeError);
  });
});

describe('variance', () => {
  it('is counted minus expected, per method and in total (test_variance_calculation)', () => {
    const expected = expectedPerMethod(
      expectDay(
        [
          { source: 'sale', method: 'Cash', amount: 100_000 },
          { source: 'sale', method: 'MTN Mobile Money', amount: 50_000 },
          { source: 'sale', method: 'Card', amount: 25_000 },
        ],
        0,
      ),
    );
    const figures = closureFigures(
      expected,
      counted({ cash_amount: 95_000, mtn_amount: 50_000, card_amount: 30_000 }),
    );
    expect(figures).toMatchObject({ expected_amount: 175_000, total_collected: 175_000, variance: 0 });
    expect(figures.methods.filter((m) => m.variance !== 0)).toEqual([
      { method: 'Cash', counted_field: 'cash_amount', expected: 100_000, counted: 95_000, variance: -5_000 },
      { method: 'Card', counted_field: 'card_amount', expected: 25_000, counted: 30_000, variance: 5_000 },
    ]);
  });

  it('refuses negative or fractional counted amounts', () => {
    const expected = expectedPerMethod(expectDay([], 0));
    expect(() => closureFigures(expected, counted({ cash_amount: -1 }))).toThrow(/cash_amount/);
    expect(() => closureFigures(expected, counted({ mtn_amount: 1.5 }))).toThrow(/mtn_amount/);
  });

  it('is large only above the threshold, whichever its sign', () => {
    expect(isLargeVariance(10_000, 10_000)).toBe(false);
    expect(isLargeVariance(-10_001, 10_000)).toBe(true);
    expect(isLargeVariance(10_001, 10_000)).toBe(true);
    expect(isLargeVariance(0, 0)).toBe(false);
  });
});

describe('closure workflow', () => {
  it('goes Submitted -> Reviewed -> Approved -> Locked', () => {
    expect(decideStep('Submitted', 'review')).toEqual({ allowed: true, to: 'Reviewed' });
    expect(decideStep('Reviewed', 'approve')).toEqual({ allowed: true, to: 'Approved' });
    expect(decideStep('Approved', 'lock')).toEqual({ allowed: true, to: 'Locked' });
  });

  it('lets the Owner approve or reject without a review, but lock only what is approved', () => {
    expect(decideStep('Submitted', 'approve').allowed).toBe(true);
    expect(decideStep('Submitted', 'reject').allowed).toBe(true);
    expect(decideStep('Submitted', 'lock')).toEqual({
      allowed: false,
      reason: 'is Submitted; only a closure that is Approved can be locked',
    });
    expect(decideStep('Locked', 'approve').allowed).toBe(false);
    expect(decideStep('Approved', 'reject').allowed).toBe(false);
  });

  it('allows corrections until approval', () => {
    expect(['Submitted', 'Reviewed', 'Rejected'].every((s) => canEditClosure(s as never))).toBe(true);
    expect(canEditClosure('Approved')).toBe(false);
    expect(canEditClosure('Locked')).toBe(false);
  });

  it('offers each role the steps the matrix gives it: Supervisors review, Owners approve, reject and lock', () => {
    expect(stepsFor('Submitted', 'Supervisor')).toEqual(['review']);
    expect(stepsFor('Submitted', 'Owner')).toEqual(['approve', 'reject']);
    expect(stepsFor('Approved', 'Owner')).toEqual(['lock']);
    expect(stepsFor('Submitted', 'Staff')).toEqual([]);
  });
});

describe('local date', () => {
  it('is the date in the shop timezone: 23:30 in Kampala is still that day there, the next day nowhere', () => {
    expect(localDate('Africa/Kampala', new Date('2026-03-15T20:30:00Z'))).toBe('2026-03-15');
    expect(localDate('Africa/Kampala', new Date('2026-03-15T21:00:00Z'))).toBe('2026-03-16');
    expect(localDate('UTC', new Date('2026-03-15T21:00:00Z'))).toBe('2026-03-15');
  });
});
