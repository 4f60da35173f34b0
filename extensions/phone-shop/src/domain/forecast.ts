// The revenue forecast (docs/decisions.md, Reports): each future day is the average of the same weekday
// over the last four weeks, which keeps the weekly rhythm of a shop (quiet Sundays, busy Saturdays)
// while averaging out one odd week. It is backtested against the naive forecast "the next period
// repeats the last one" on the shop's own history, and both errors are reported.

/** Weeks of history the forecast averages over. */
export const FORECAST_WEEKS = 4;
const WEEK = 7;

/**
 * Forecasts `horizon` days after a daily series (consecutive days, oldest first, amounts in minor
 * units). Needs at least one week of history; a weekday missing from the history counts as zero.
 */
export function weekdayAverageForecast(history: readonly number[], horizon: number): number[] {
  const n = history.length;
  return Array.from({ length: horizon }, (_, k) => {
    const samples: number[] = [];
    for (let back = 1; samples.length < FORECAST_WEEKS; back++) {
      const index = n + k - back * WEEK;
      if (index < 0) break;
      if (index < n) samples.push(history[index] ?? 0);
    }
    return samples.length === 0 ? 0 : Math.round(samples.reduce((a, b) => a + b, 0) / samples.length);
  });
}

/** The naive forecast: the next `horizon` days repeat the last `horizon` days. */
export function naiveForecast(history: readonly number[], horizon: number): number[] {
  const n = history.length;
  return Array.from({ length: horizon }, (_, k) => history[n - horizon + k] ?? 0);
}

export interface Backtest {
  horizon: number;
  /** How many forecasts were scored (one per week of history after the first four weeks). */
  origins: number;
  /** Mean absolute error of the period's total, in minor units. */
  model_mae: number;
  naive_mae: number;
  /** Mean absolute error of each day, in minor units. */
  model_daily_mae: number;
  naive_daily_mae: number;
}

/**
 * Scores both forecasts on the history itself: from every weekly origin that leaves four weeks
 * before it and a whole horizon after it, forecast the horizon and compare with what happened.
 */
export function backtest(history: readonly number[], horizon: number): Backtest {
  let origins = 0;
  let model = 0;
  let naive = 0;
  let modelDaily = 0;
  let naiveDaily = 0;
  const first = Math.max(FORECAST_WEEKS * WEEK, horizon);
  for (let origin = first; origin + horizon <= history.length; origin += WEEK) {
    const past = history.slice(0, origin);
    const actual = history.slice(origin, origin + horizon);
    const m = weekdayAverageForecast(past, horizon);
    const b = naiveForecast(past, horizon);
    const sum = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0);
    model += Math.abs(sum(m) - sum(actual));
    naive += Math.abs(sum(b) - sum(actual));
    modelDaily += actual.reduce((a, x, i) => a + Math.abs((m[i] ?? 0) - x), 0) / horizon;
    naiveDaily += actual.reduce((a, x, i) => a + Math.abs((b[i] ?? 0) - x), 0) / horizon;
    origins += 1;
  }
  const mean = (total: number): number => (origins === 0 ? 0 : Math.round(total / origins));
  return {
    horizon,
    origins,
    model_mae: mean(model),
    naive_mae: mean(naive),
    model_daily_mae: mean(modelDaily),
    naive_daily_mae: mean(naiveDaily),
  };
}
