// CSV as RFC 4180 (CRLF records, fields quoted when they hold a comma, a quote or a line break), in
// UTF-8 with a byte order mark so that Excel reads the accents right. Header: the column labels.
// Values are plain: amounts in major units without separators, times in the shop's timezone.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { csvText } from './format.ts';
import { finish, write } from './sink.ts';
import type { ExportMeta, Row, Table } from './table.ts';

/** Rows per write: small, so that a batch dies young (cursor.ts). */
const BATCH = 100;

const OPTIONS = { record_delimiter: 'windows', quoted_string: false } as const;

// A text cell that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an
// apostrophe (the OWASP advice against CSV injection). Plain numbers such as "+256772000111" are not
// formulas and stay as they are.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d\s.,]+$/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function csvRecords(records: string[][], withBom = false): string {
  return stringify(records, { ...OPTIONS, bom: withBom });
}

export async function writeCsv(out: Writable, meta: ExportMeta, table: Table): Promise<void> {
  const { currency, timezone } = meta.shop;
  const columns = table.columns;
  const toRecord = (row: Row): string[] =>
    columns.map((c) => {
      const text = csvText(row[c.key] ?? null, c.type, currency, timezone);
      return c.type === 'text' ? neutraliseFormula(text) : text;
    });

  await write(out, csvRecords([columns.map((c) => c.label)], true));
  let batch: string[][] = [];
  for await (const row of table.rows) {
    batch.push(toRecord(row));
    if (batch.length >= BATCH) {
      await write(out, csvRecords(batch));
      batch = [];
    }
  }
  if (batch.length) await write(out, csvRecords(batch));
  await finish(out);
}
