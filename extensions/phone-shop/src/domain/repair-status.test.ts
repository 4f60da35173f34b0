import { describe, expect, it } from 'vitest';
import { canEdit, decideMove, movesFrom, TRANSITIONS } from './repair-status.ts';

describe('repair workflow', () => {
  it('follows the spec’s path for a Supervisor, who may also complete', () => {
    const path = [
      'Pending',
      'Diagnosed',
      'Parts Ordered',
      'In Progress',
      'Quality Check',
      'Completed',
      'Delivered',
    ] as const;
    for (let i = 1; i < path.length; i++) {
      expect(
        decideMove(path[i - 1] as never, path[i] as never, 'Supervisor').allowed,
        `${path[i - 1]} -> ${path[i]}`,
      ).toBe(true);
    }
  });

  it('refuses Staff every move (the matrix gives them create and read only), with the reason', () => {
    const decision = decideMove('Pending', 'Diagnosed', 'Staff');
    expect(decision).toEqual({
      allowed: false,
      reason: expect.stringMatching(/Staff may not move a repair from Pending to Diagnosed/) as unknown,
    });
    expect(movesFrom('Pending', 'Staff')).toEqual([]);
  });

  it('refuses an illegal jump and says where the repair can go', () => {
    const decision = decideMove('Pending', 'Completed', 'Owner');
    expect(decision.allowed).toBe(false);
    if (!decision.allowed)
      expect(decision.reason).toContain('from Pending it can go to Diagnosed, Cancelled');
  });

  it('keeps Delivered and Cancelled final except for an Owner’s correction', () => {
    expect(decideMove('Delivered', 'In Progress', 'Supervisor').allowed).toBe(false);
    expect(decideMove('Cancelled', 'Pending', 'Owner')).toEqual({ allowed: true, right: 'correct' });
    expect(movesFrom('Delivered', 'Owner')).toEqual([]);
  });

  it('cannot cancel a completed repair, and every move is listed once', () => {
    expect(decideMove('Completed', 'Cancelled', 'Owner').allowed).toBe(false);
    const keys = TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lets only an Owner edit a delivered repair', () => {
    expect(canEdit(false, 'Supervisor')).toBe(false);
    expect(canEdit(false, 'Owner')).toBe(true);
    expect(canEdit(true, 'Supervisor')).toBe(true);
  });
});
