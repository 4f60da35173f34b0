import { describe, expect, it } from 'vitest';
import { formatMoney as domainFormatMoney } from '../../domain/money.ts';
import {
  formatMoney,
  csvText,
  displayText,
  jsonValue,
  localDate,
  localDateTime,
  moneyMajorNumber,
  moneyMajorText,
  moneyNumberFormat,
  spreadsheetDate,
  spreadsheetDateTime,
  spreadsheetValue,
} from './format.ts';

const KAMPALA = 'Africa/Kampala';

describe('money in major units', () => {
  it('gives UGX as plain integers (no minor digits)', () => {
    expect(moneyMajorText(1_250_000, 'UGX')).toBe('1250000');
    expect(moneyMajorText(0, 'UGX')).toBe('0');
    expect(moneyMajorText(-520_000, 'UGX')).toBe('-520000');
    expect(moneyMajorNumber(1_250_000, 'UGX')).toBe(1_250_000);
  });

  it('gives currencies with minor digits as exact decimals, without floating point', () => {
    expect(moneyMajorText(1250, 'USD')).toBe('12.50');
    expect(moneyMajorText(5, 'USD')).toBe('0.05');
    expect(moneyMajorText(-5, 'USD')).toBe('-0.05');
    expect(moneyMajorText(123_456_789_01, 'USD')).toBe('123456789.01');
    expect(moneyMajorText(1234, 'KWD')).toBe('1.234');
    expect(moneyMajorNumber(1999, 'USD')).toBe(19.99);
  });

  it('has a spreadsheet number format per currency', () => {
    expect(moneyNumberFormat('UGX')).toBe('"UGX" #,##0');
    expect(moneyNumberFormat('USD')).toBe('"USD" #,##0.00');
  });

  it('formats amounts exactly as domain/money.ts does', () => {
    for (const currency of ['UGX', 'USD', 'KWD', 'JPY'])
      for (const amount of [0, 1, -5, 999, 1_250_000, -520_000, 123_456_789])
        expect(formatMoney(amount, currency)).toBe(domainFormatMoney(amount, currency));
  });

  it('shows amounts to people with formatMoney', () => {
    expect(displayText(1_250_000, 'money', 'UGX', KAMPALA)).toBe('UGX 1,250,000');
    expect(displayText(1250, 'money', 'USD', KAMPALA)).toBe('USD 12.50');
  });
});

describe('time in the shop timezone', () => {
  it('puts 20:30 UTC at 23:30 the same day in Kampala, and 21:30 UTC on the next day', () => {
    expect(localDateTime('2026-03-15T20:30:00Z', KAMPALA)).toBe('2026-03-15 23:30');
    expect(localDateTime(new Date('2026-03-15T21:30:00Z'), KAMPALA)).toBe('2026-03-16 00:30');
    expect(localDate('2026-03-15T21:30:00Z', KAMPALA)).toBe('2026-03-16');
    expect(localDateTime('2026-03-15T20:30:00Z', 'UTC')).toBe('2026-03-15 20:30');
  });

  it('follows summer time where the zone has it (London, 29 March 2026 at 01:00 UTC)', () => {
    expect(localDateTime('2026-03-29T00:59:00Z', 'Europe/London')).toBe('2026-03-29 00:59');
    expect(localDateTime('2026-03-29T01:00:00Z', 'Europe/London')).toBe('2026-03-29 02:00');
    expect(localDateTime('2026-10-25T00:30:00Z', 'Europe/London')).toBe('2026-10-25 01:30');
    expect(localDateTime('2026-10-25T01:30:00Z', 'Europe/London')).toBe('2026-10-25 01:30');
    expect(localDateTime('2026-04-05T15:59:00Z', 'Asia/Kathmandu')).toBe('2026-04-05 21:44');
  });

  it('agrees with Intl minute by minute over a day of summer time change', () => {
    const intl = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'America/New_York',
      dateStyle: 'short',
      timeStyle: 'short',
    });
    for (let ms = Date.UTC(2026, 2, 8, 0); ms < Date.UTC(2026, 2, 9, 0); ms += 7 * 60 * 1000)
      expect(localDateTime(ms, 'America/New_York')).toBe(intl.format(ms));
  });

  it('writes midnight as 00, never 24', () => {
    expect(localDateTime('2026-01-01T21:00:00Z', KAMPALA)).toBe('2026-01-02 00:00');
  });

  it('gives spreadsheets the wall-clock time (Excel dates have no zone)', () => {
    expect(spreadsheetDateTime('2026-03-15T20:30:00Z', KAMPALA).toISOString()).toBe(
      '2026-03-15T23:30:00.000Z',
    );
    expect(spreadsheetDate('2026-03-15').toISOString()).toBe('2026-03-15T00:00:00.000Z');
  });
});

describe('cells per format', () => {
  it('CSV: dates as they are, datetimes local, booleans true/false, nulls empty, percent from basis points', () => {
    expect(csvText('2026-03-15', 'date', 'UGX', KAMPALA)).toBe('2026-03-15');
    expect(csvText(new Date('2026-03-15T20:30:00Z'), 'datetime', 'UGX', KAMPALA)).toBe('2026-03-15 23:30');
    expect(csvText(true, 'boolean', 'UGX', KAMPALA)).toBe('true');
    expect(csvText(false, 'boolean', 'UGX', KAMPALA)).toBe('false');
    expect(csvText(null, 'money', 'UGX', KAMPALA)).toBe('');
    expect(csvText(1250, 'basis_points', 'UGX', KAMPALA)).toBe('12.5');
    expect(csvText('42', 'integer', 'UGX', KAMPALA)).toBe('42');
  });

  it('JSON: amounts in minor units and instants in UTC, like the rest of the API', () => {
    expect(jsonValue(1250, 'money')).toBe(1250);
    expect(jsonValue('17', 'integer')).toBe(17);
    expect(jsonValue(new Date('2026-03-15T20:30:00Z'), 'datetime')).toBe('2026-03-15T20:30:00.000Z');
    expect(jsonValue('2026-03-15', 'date')).toBe('2026-03-15');
    expect(jsonValue(null, 'text')).toBeNull();
  });

  it('XLSX: typed values (numbers, fractions for percentages, dates)', () => {
    expect(spreadsheetValue(1250, 'money', 'USD', KAMPALA)).toBe(12.5);
    expect(spreadsheetValue(1250, 'basis_points', 'UGX', KAMPALA)).toBe(0.125);
    expect(spreadsheetValue('2026-03-15', 'date', 'UGX', KAMPALA)).toEqual(new Date('2026-03-15T00:00:00Z'));
    expect(spreadsheetValue(true, 'boolean', 'UGX', KAMPALA)).toBe(true);
  });
});
