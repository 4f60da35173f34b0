import { describe, expect, it } from 'vitest';
import { performanceScores } from './performance-score.ts';

const member = (net_sales: number, repairs_completed = 0, repairs_on_time = 0) => ({
  user_id: 'u',
  name: 'n',
  net_sales,
  repairs_completed,
  repairs_on_time,
});

describe('staff performance score', () => {
  it('gives the best seller and busiest, punctual technician 100', () => {
    expect(performanceScores([member(1000, 10, 10), member(500, 5, 0)])).toEqual([100, 30 + 40 * 0.75 * 0.5]);
  });

  it('scores on sales alone when nobody repaired anything', () => {
    expect(performanceScores([member(800), member(200), member(0)])).toEqual([100, 25, 0]);
  });

  it('never goes below zero for a member whose reversals outweigh their sales', () => {
    expect(performanceScores([member(1000), member(-300)])).toEqual([100, 0]);
  });
});
