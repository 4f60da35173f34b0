import { describe, expect, it } from 'vitest';
import {
  cutoffOf,
  KEEP_FOREVER,
  RETENTION_MAXIMUM_DAYS,
  RETENTION_MINIMUM_DAYS,
  retentionOf,
  retentionProblem,
} from './retention.rules.ts';

const settings = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('retention periods read from the settings', () => {
  it('keeps everything when nothing is set', () => {
    expect(retentionOf(new Map())).toEqual(KEEP_FOREVER);
  });

  it('reads whole numbers of days', () => {
    expect(
      retentionOf(
        settings({
          'retention.messages_days': '90',
          'retention.logs_days': ' 730 ',
          'retention.deleted_records_days': '60',
        }),
      ),
    ).toEqual({ messages: 90, logs: 730, deleted_records: 60 });
  });

  it('raises a period below its minimum to the minimum (a value written past the API)', () => {
    expect(retentionOf(settings({ 'retention.logs_days': '1', 'retention.messages_days': '0' }))).toEqual({
      messages: RETENTION_MINIMUM_DAYS.messages,
      logs: RETENTION_MINIMUM_DAYS.logs,
      deleted_records: null,
    });
  });

  it('keeps the data when a value cannot be read', () => {
    for (const value of ['', 'forever', '-30', '12.5', '1e3', '99999999999999999999'])
      expect(retentionOf(settings({ 'retention.messages_days': value })).messages).toBeNull();
  });

  it('caps a period at the maximum', () => {
    expect(retentionOf(settings({ 'retention.logs_days': '9000000' })).logs).toBe(RETENTION_MAXIMUM_DAYS);
  });
});

describe('periods given to the API', () => {
  it('accepts null and periods within bounds', () => {
    expect(retentionProblem('logs', null)).toBeNull();
    expect(retentionProblem('logs', 365)).toBeNull();
    expect(retentionProblem('messages', 30)).toBeNull();
  });

  it('names the minimum when a period is too short', () => {
    expect(retentionProblem('logs', 364)).toBe('must be at least 365 days, or null to keep for ever');
    expect(retentionProblem('deleted_records', 7)).toMatch(/at least 30 days/);
  });

  it('refuses fractions and absurd periods', () => {
    expect(retentionProblem('messages', 45.5)).toMatch(/whole number/);
    expect(retentionProblem('messages', RETENTION_MAXIMUM_DAYS + 1)).toMatch(/at most/);
  });
});

describe('the cutoff', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('is the period before now', () => {
    expect(cutoffOf({ ...KEEP_FOREVER, messages: 30 }, 'messages', now)?.toISOString()).toBe(
      '2026-11-01T10:00:00.000Z',
    );
  });

  it('is null for a kind kept for ever', () => {
    expect(cutoffOf(KEEP_FOREVER, 'logs', now)).toBeNull();
  });
});
