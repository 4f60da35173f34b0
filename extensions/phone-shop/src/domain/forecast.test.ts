import { describe, expect, it } from 'vitest';
import { backtest, naiveForecast, weekdayAverageForecast } from './forecast.ts';

/** Weeks of a shop that sells 100 on weekdays and 300 on the seventh day, plus some noise. */
function weeklyHistory(weeks: number, noise: (day: number) => number = () => 0): number[] {
  return Array.from({ length: weeks * 7 }, (_, day) => (day % 7 === 6 ? 300 : 100) + noise(day));
}

describe('revenue forecast', () => {
  it('repeats a steady weekly rhythm exactly', () => {
    expect(weekdayAverageForecast(weeklyHistory(5), 7)).toEqual([100, 100, 100, 100, 100, 100, 300]);
  });

  it('averages the same weekday over the last four weeks', () => {
    const history = weeklyHistory(4);
    history[21] = 500; // the last Monday-like day was unusual
    expect(weekdayAverageForecast(history, 1)).toEqual([Math.round((100 + 100 + 100 + 500) / 4)]);
  });

  it('the naive forecast repeats the last period', () => {
    expect(naiveForecast([1, 2, 3, 4, 5], 2)).toEqual([4, 5]);
  });

  it('beats the naive forecast on a noisy weekly history, and says by how much', () => {
    // Deterministic noise: one busy or quiet week in three.
    const history = weeklyHistory(16, (day) => (Math.floor(day / 7) % 3 === 0 ? 60 : -20));
    const result = backtest(history, 7);
    expect(result.origins).toBe(12);
    expect(result.model_mae).toBeLessThan(result.naive_mae);
  });

  it('scores nothing without four weeks of history and a horizon after them', () => {
    expect(backtest(weeklyHistory(4), 7).origins).toBe(0);
  });
});
