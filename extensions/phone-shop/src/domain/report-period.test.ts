import { describe, expect, it } from 'vitest';
import { addDays, changeBp, daysOf, periodLength, previousPeriod, resolvePeriod } from './report-period.ts';

describe('report periods', () => {
  it('defaults to the 30 days that end today', () => {
    expect(resolvePeriod(undefined, undefined, '2026-03-05')).toEqual({
      from: '2026-02-04',
      to: '2026-03-05',
    });
  });

  it('counts both ends and crosses months and leap days', () => {
    expect(periodLength({ from: '2028-02-28', to: '2028-03-01' })).toBe(3);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysOf({ from: '2026-12-30', to: '2027-01-02' })).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });

  it('compares with the same number of days just before', () => {
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-10-02',
      to: '2026-10-31',
    });
    expect(previousPeriod({ from: '2026-11-24', to: '2026-11-24' })).toEqual({
      from: '2026-11-23',
      to: '2026-11-23',
    });
  });

  it('refuses a day that does not exist, a reversed period and one too long, naming the field', () => {
    expect(() => resolvePeriod('2026-02-30', '2026-03-01', '2026-03-01')).toThrow(/2026-02-30/);
    expect(() => resolvePeriod('2026-03-02', '2026-03-01', '2026-03-01')).toThrow(/after/);
    expect(() => resolvePeriod('2020-01-01', '2026-03-01', '2026-03-01')).toThrow(/at most/);
  });

  it('gives changes in basis points, none against zero', () => {
    expect(changeBp(150, 100)).toBe(5_000);
    expect(changeBp(50, 100)).toBe(-5_000);
    expect(changeBp(10, 0)).toBeNull();
  });
});
