// The staff performance score (docs/decisions.md, Reports), 0 to 100, relative to the team in the
// same period: 60 points for net sales against the best seller, 40 for repairs completed against the
// busiest technician, of which a quarter (10) is kept for finishing them by their estimated date.
// A team without repairs in the period scores on sales alone, and the other way round.

export interface PerformanceFigures {
  user_id: string;
  name: string;
  net_sales: number;
  repairs_completed: number;
  repairs_on_time: number;
}

export function performanceScores(team: readonly PerformanceFigures[]): number[] {
  const bestSales = Math.max(0, ...team.map((m) => m.net_sales));
  const bestRepairs = Math.max(0, ...team.map((m) => m.repairs_completed));
  const salesWeight = bestRepairs === 0 ? 100 : bestSales === 0 ? 0 : 60;
  const repairWeight = 100 - salesWeight;
  return team.map((m) => {
    const sales = bestSales > 0 ? Math.max(0, m.net_sales) / bestSales : 0;
    const volume = bestRepairs > 0 ? m.repairs_completed / bestRepairs : 0;
    const onTime = m.repairs_completed > 0 ? m.repairs_on_time / m.repairs_completed : 0;
    return Math.round(salesWeight * sales + repairWeight * (0.75 * volume + 0.25 * onTime * volume));
  });
}
