import { describe, expect, it } from 'vitest';
import { durationMs } from './duration.ts';

describe('durationMs', () => {
  it('reads Directus’s durations', () => {
    expect(durationMs('15m')).toBe(900_000);
    expect(durationMs('7d')).toBe(604_800_000);
    expect(durationMs('500')).toBe(500);
    expect(durationMs(250)).toBe(250);
    expect(durationMs('soon', 42)).toBe(42);
  });
});
